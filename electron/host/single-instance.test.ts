// One app per data folder, over its real loopback endpoint: a second claim finds the first, hands
// its argument over (checked by the same strict parser), and nothing without the secret gets in.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../engine/storage/data-folder-lock.js';
import {
  absoluteArgument,
  claimDataFolder,
  handOverToFirst,
  type Claim,
  type FirstInstanceActions,
} from './single-instance.js';

const MAGNET = `magnet:?xt=urn:btih:${'c'.repeat(40)}`;
let dir: string;
const claims: Claim[] = [];

function firstActions(opened: string[], shown: { count: number }): FirstInstanceActions {
  return {
    open: async (argument) => {
      if (argument.includes('d'.repeat(40))) throw new Error('This title is broken.');
      opened.push(argument);
    },
    show: () => void shown.count++,
    where: () => 'http://127.0.0.1:9/?token=t',
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-single-'));
});
afterEach(async () => {
  for (const claim of claims.splice(0)) if (claim.first) await claim.release();
  await rm(dir, { recursive: true, force: true });
});

async function claim(actions: FirstInstanceActions): Promise<Claim> {
  const result = await claimDataFolder(dir, 'headless', actions);
  claims.push(result);
  return result;
}

describe('one app per data folder', () => {
  it('hands a second launch’s argument to the first, which opens it', async () => {
    const opened: string[] = [];
    const shown = { count: 0 };
    const first = await claim(firstActions(opened, shown));
    expect(first.first).toBe(true);
    const second = await claim(firstActions([], { count: 0 }));
    if (second.first) throw new Error('the second launch took a folder in use');
    expect(second.holder.pid).toBe(process.pid);
    const result = await handOverToFirst(second, MAGNET, '/somewhere');
    expect(opened).toEqual([MAGNET]);
    expect(shown.count).toBe(1);
    expect(result).toEqual({
      code: 0,
      message: `Essaim is already running with this data folder (pid ${process.pid}); the title was opened there, at http://127.0.0.1:9/?token=t.`,
    });
  });

  it('says where the first one is when given nothing to open', async () => {
    const shown = { count: 0 };
    await claim(firstActions([], shown));
    const second = await claim(firstActions([], { count: 0 }));
    if (second.first) throw new Error('the second launch took a folder in use');
    const result = await handOverToFirst(second, undefined, '/');
    expect(result.code).toBe(0);
    expect(result.message).toMatch(/already running with this data folder .*at http:\/\/127/);
    expect(shown.count).toBe(1);
  });

  it('reports what the first one could not open', async () => {
    await claim(firstActions([], { count: 0 }));
    const second = await claim(firstActions([], { count: 0 }));
    if (second.first) throw new Error('the second launch took a folder in use');
    const result = await handOverToFirst(second, `magnet:?xt=urn:btih:${'d'.repeat(40)}`, '/');
    expect(result).toMatchObject({ code: 1 });
    expect(result.message).toMatch(/could not open this: This title is broken\./);
  });

  it('refuses requests without the secret, and arguments the command line would refuse', async () => {
    const opened: string[] = [];
    await claim(firstActions(opened, { count: 0 }));
    const lock = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { port: number };
    const url = `http://127.0.0.1:${lock.port}/hand-over`;
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    expect((await post({}, { argument: MAGNET })).status).toBe(403);
    expect((await post({ 'x-essaim-secret': 'guess' }, { argument: MAGNET })).status).toBe(403);

    const second = await claim(firstActions([], { count: 0 }));
    if (second.first) throw new Error('the second launch took a folder in use');
    for (const bad of ['--data-dir', 'rm -rf /', 'file:///etc/passwd']) {
      expect(await second.handOver(bad)).toMatchObject({ ok: false });
    }
    expect(opened).toEqual([]);
  });

  it('is free for the next launch once the first releases it', async () => {
    const first = await claim(firstActions([], { count: 0 }));
    if (!first.first) throw new Error('the folder should have been free');
    await first.release();
    const next = await claim(firstActions([], { count: 0 }));
    expect(next.first).toBe(true);
  });

  it('makes a relative .torrent path absolute and leaves links alone', () => {
    expect(absoluteArgument('film.torrent', '/home/ana')).toBe('/home/ana/film.torrent');
    expect(absoluteArgument('/tmp/film.torrent', '/home/ana')).toBe('/tmp/film.torrent');
    expect(absoluteArgument(MAGNET, '/home/ana')).toBe(MAGNET);
    expect(absoluteArgument('c'.repeat(40), '/home/ana')).toBe('c'.repeat(40));
  });
});
