// Catalog sources through the engine's own commands and events, as the window uses them: add a
// web catalog, see the shelf change, restart with it kept, --catalog for one run, remove it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceState } from '../../shared/domain.js';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import {
  essaimCatalog,
  film,
  sendJson,
  serve,
  tempDir,
  type Cleanup,
} from './test-support/source-servers.js';

const cleanups: Cleanup[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function engineOn(dataDir: string, catalogs: string[] = []): Promise<Engine> {
  const engine = await createLoopbackEngine(dataDir, { catalogs });
  cleanups.push(() => engine.close());
  return engine;
}

describe('catalog sources through the engine', () => {
  it('adds, lists, keeps across a restart and removes a source, telling the window each time', async () => {
    const dataDir = await tempDir(cleanups);
    const server = await serve(cleanups, (_req, res) =>
      sendJson(res, essaimCatalog('Loopback films', [film('lf1'), film('lf2')])),
    );
    const url = `${server.origin}/catalog.json`;
    const engine = await engineOn(dataDir);
    let catalogEvents = 0;
    const sourceEvents: SourceState[][] = [];
    engine.on('catalog', () => catalogEvents++);
    engine.on('sources', (states) => sourceEvents.push(states));

    expect(await engine.handlers['sources:list']({})).toEqual([]);
    const added = await engine.handlers['sources:add']({ address: url });
    expect(added).toMatchObject({ kind: 'essaim', state: 'ready', titles: 2, origin: 'user' });
    expect(catalogEvents).toBeGreaterThan(0);
    expect(sourceEvents.at(-1)?.[0]?.state).toBe('ready');
    const view = await engine.handlers['catalog:get']({});
    expect(view.titles.map((t) => [t.id, t.sourceId])).toEqual([
      ['lf1', added.id],
      ['lf2', added.id],
    ]);
    expect((await engine.handlers['sources:refresh']({ sourceId: added.id })).state).toBe('ready');
    await engine.close();

    const again = await engineOn(dataDir);
    expect((await again.handlers['sources:list']({})).map((s) => s.id)).toEqual([added.id]);
    expect((await again.handlers['catalog:get']({})).titles.map((t) => t.id)).toEqual([
      'lf1',
      'lf2',
    ]);
    await again.handlers['sources:remove']({ sourceId: added.id });
    expect((await again.handlers['catalog:get']({})).titles).toEqual([]);
  });

  it('hands the window local picture addresses; one that cannot be fetched is a 404', async () => {
    const dataDir = await tempDir(cleanups);
    const path = join(dataDir, 'art.json');
    const poster = 'https://127.0.0.1:1/poster.jpg'; // nothing listens there
    await writeFile(path, JSON.stringify(essaimCatalog('Art', [film('a1', { poster })])));
    const engine = await engineOn(dataDir, [path]);
    const [title] = (await engine.handlers['catalog:get']({})).titles;
    expect(title?.poster).toMatch(new RegExp(`^${engine.streamOrigin}/[^/]+/art/[a-f0-9]{32}$`));
    const answer = await fetch(title?.poster ?? '');
    expect(answer.status).toBe(404);
  });

  it('shows --catalog files at once as command-line sources that are not saved', async () => {
    const dataDir = await tempDir(cleanups);
    const path = join(dataDir, 'mine.json');
    await writeFile(path, JSON.stringify(essaimCatalog('Mine', [film('m1')])));
    const engine = await engineOn(dataDir, [path]);
    expect((await engine.handlers['catalog:get']({})).titles.map((t) => t.id)).toEqual(['m1']);
    const [state] = await engine.handlers['sources:list']({});
    expect(state).toMatchObject({ origin: 'command-line', address: path, titles: 1 });
    await engine.close();
    const later = await engineOn(dataDir);
    expect(await later.handlers['sources:list']({})).toEqual([]);
  });
});
