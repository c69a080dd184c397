// Live channels through the engine's contract: a window's channel plays from the stream server
// and ends with that window; a channel link given from outside is handed to the window.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { createLoopbackEngine } from '../test-support/loopback-engine.js';

const LINK =
  'essaim-live:?pk=Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI&origin=http%3A%2F%2F127.0.0.1%3A9&dn=Nowhere';
let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-live-engine-'));
  engine = await createLoopbackEngine(dir);
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('live channels in the engine', () => {
  it('serves a window its channel playlist, and stops it when the window goes', async () => {
    const session = await engine.handlersFor('window-1')['live:open']({ link: LINK });
    expect(session.name).toBe('Nowhere');
    expect(session.playlistUrl.startsWith(engine.streamOrigin)).toBe(true);
    const playing = await fetch(session.playlistUrl);
    expect(playing.status).toBe(200);
    expect(await playing.text()).toContain('#EXTM3U');
    await engine.endOwner('window-1');
    expect((await fetch(session.playlistUrl)).status).toBe(404);
  });

  it('hands a channel link from outside to the window, and refuses a damaged one', async () => {
    const opened: string[] = [];
    const off = engine.on('open-channel', ({ link }) => opened.push(link));
    await engine.openArgument(LINK);
    expect(opened).toEqual([LINK]);
    await expect(engine.openArgument('essaim-live:?pk=nope')).rejects.toThrow(/key/);
    off();
  });
});
