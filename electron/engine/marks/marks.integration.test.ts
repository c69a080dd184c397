// Watched marks on a real loopback swarm: a catalog episode played to near its end is marked
// watched by the engine (and the window is told), a film played a little is not, it is the one
// Continue watching will list, and every mark is still there after a restart on the same folder.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { UserMarks } from '../../../shared/domain.js';
import type { Engine } from '../engine-api.js';
import { createLoopbackEngine } from '../test-support/loopback-engine.js';
import { makeTestVideo } from '../test-support/media.js';
import { startSeeder, startTracker } from '../test-support/swarm.js';

let dir: string;
let tracker: Awaited<ReturnType<typeof startTracker>>;
let seeder: Awaited<ReturnType<typeof startSeeder>>;
let engine: Engine | undefined;
let torrent: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-marks-'));
  const path = await makeTestVideo(dir, { seconds: 10, bitrateKbps: 300, name: 'episode.mp4' });
  tracker = await startTracker();
  seeder = await startSeeder({ path, announce: [tracker.announceUrl], pieceLength: 16 * 1024 });
  torrent = (await readFile(seeder.torrentPath)).toString('base64');
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await seeder?.close();
  await tracker?.close();
  await rm(dir, { recursive: true, force: true });
});

it('marks an episode watched near its end, by itself, and keeps marks across a restart', async () => {
  const data = join(dir, 'data');
  engine = await createLoopbackEngine(data);
  const told: UserMarks[] = [];
  engine.on('marks', (m) => told.push(m));
  const item = await engine.handlers['library:add']({
    source: { kind: 'file', name: 'episode.torrent', base64: torrent },
    titleId: 'series-a',
    episodeId: 'series-a:s1e1',
  });
  const session = await engine.handlers['playback:start']({ itemId: item.id });
  // early on: nothing is marked
  await engine.handlers['playback:progress']({
    sessionId: session.sessionId,
    positionSeconds: 2,
    durationSeconds: 10,
  });
  expect((await engine.handlers['marks:get']({})).watched).toEqual({});
  expect(told).toEqual([]);
  expect((await engine.handlers['library:list']({}))[0]?.lastPlayedAt).toBeGreaterThan(0);

  // near the end: the episode (not the series) is watched, and windows hear it
  await engine.handlers['playback:progress']({
    sessionId: session.sessionId,
    positionSeconds: 9.5,
    durationSeconds: 10,
  });
  const marks = await engine.handlers['marks:get']({});
  expect(Object.keys(marks.watched)).toEqual(['series-a:s1e1']);
  expect(told).toHaveLength(1);

  // by hand: a film on My list
  await engine.handlers['marks:set']({ id: 'film-b', inMyList: true });
  await engine.handlers['marks:set']({ id: 'film-c', watched: true });
  await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  await engine.close();

  engine = await createLoopbackEngine(data);
  const kept = await engine.handlers['marks:get']({});
  expect(Object.keys(kept.watched).sort()).toEqual(['film-c', 'series-a:s1e1']);
  expect(kept.myList).toEqual(['film-b']);
  await expect(
    engine.handlers['marks:set']({ id: 'x'.repeat(300), inMyList: true }),
  ).rejects.toThrow();
});

it('sets a damaged marks file aside and says so to the window, starting with no marks', async () => {
  const data = join(dir, 'damaged');
  await mkdir(data, { recursive: true });
  await writeFile(join(data, 'marks.json'), '{"watched": {"a": "soon"}');
  const damaged = await createLoopbackEngine(data);
  try {
    const notices = await damaged.handlers['notices:startup']({});
    expect(notices.map((n) => n.message).join('\n')).toMatch(
      /watched marks and My list could not be read; the damaged file was set aside as marks\.damaged-/,
    );
    expect(await damaged.handlers['marks:get']({})).toEqual({ watched: {}, myList: [] });
    expect((await readdir(data)).some((f) => f.startsWith('marks.damaged-'))).toBe(true);
  } finally {
    await damaged.close();
  }
});
