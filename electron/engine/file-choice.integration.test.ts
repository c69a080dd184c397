// Choosing which file of a torrent to play, on a real loopback swarm: the largest video by
// default, the user's pick when they make one (remembered, and started from its beginning),
// and a clear refusal for a file that is not a video.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import { makeTestVideo } from './test-support/media.js';
import { startSeeder, startTracker } from './test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine;
let extra: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-choice-'));
  const pack = join(dir, 'Season Pack');
  await mkdir(pack, { recursive: true });
  await makeTestVideo(pack, { seconds: 12, name: 'main-feature.mp4' });
  extra = await readFile(await makeTestVideo(pack, { seconds: 4, name: 'bonus.mp4' }));
  await writeFile(join(pack, 'notes.txt'), 'read me');
  tracker = await startTracker();
  seeder = await startSeeder({ path: pack, announce: [tracker.announceUrl] });
  engine = await createLoopbackEngine(join(dir, 'data'));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

it('plays the largest video by default, then the file the user picks, from its start', async () => {
  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: 'pack.torrent', base64: seeder.torrentBytes.toString('base64') },
  });
  const byName = (name: string) => item.files.findIndex((f) => f.path.endsWith(name));
  expect(item.fileIndex).toBe(byName('main-feature.mp4'));
  expect(item.files[byName('notes.txt')]?.playable).toBe(false);

  const first = await engine.handlers['playback:start']({ itemId: item.id });
  await engine.handlers['playback:progress']({ sessionId: first.sessionId, positionSeconds: 7 });
  await engine.handlers['playback:stop']({ sessionId: first.sessionId });

  const bonus = byName('bonus.mp4');
  const picked = await engine.handlers['playback:start']({ itemId: item.id, fileIndex: bonus });
  expect(picked.resumeAtSeconds).toBe(0);
  const saved = (await engine.handlers['library:list']({})).find((i) => i.id === item.id);
  expect(saved?.fileIndex).toBe(bonus);
  const res = await fetch(picked.streamUrl ?? '');
  expect(Buffer.from(await res.arrayBuffer()).equals(extra)).toBe(true);
  await engine.handlers['playback:stop']({ sessionId: picked.sessionId });
});

it('refuses to play a file that is not a video, in plain words', async () => {
  const [item] = await engine.handlers['library:list']({});
  const notes = item?.files.findIndex((f) => f.path.endsWith('notes.txt')) ?? -1;
  await expect(
    engine.handlers['playback:start']({ itemId: item?.id ?? '', fileIndex: notes }),
  ).rejects.toMatchObject({
    code: 'no-playable-file',
    message: expect.stringMatching(/not a video/),
  });
});
