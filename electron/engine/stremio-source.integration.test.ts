// A Stremio add-on through the engine's own commands, as the window uses them: added by its link,
// its titles on the shelf, details and ways to play asked on opening, and both still answered
// after a restart with the add-on gone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import {
  ADDON_ID,
  FILM_META_ID,
  SERIES_META_ID,
  startStremioAddon,
} from './test-support/stremio-addon.js';

const HASH = '1111111111111111111111111111111111111111';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function engineOn(dataDir: string): Promise<Engine> {
  const engine = await createLoopbackEngine(dataDir);
  cleanups.push(() => engine.close());
  return engine;
}

describe('stremio add-on through the engine', () => {
  it('adds an add-on, opens a series and a film, and reopens them offline', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'essaim-stremio-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const addon = await startStremioAddon({
      filmCount: 3,
      torrent: { infoHash: HASH, fileIdx: 0, announce: 'http://127.0.0.1:9/announce' },
    });
    cleanups.push(() => addon.close());

    const engine = await engineOn(dataDir);
    const added = await engine.handlers['sources:add']({ address: addon.manifestUrl });
    expect(added).toMatchObject({
      kind: 'stremio',
      state: 'ready',
      titles: 4,
      name: 'Loopback Add-on',
    });
    const seriesId = `stremio:${ADDON_ID}:${SERIES_META_ID}`;
    const filmId = `stremio:${ADDON_ID}:${FILM_META_ID}`;
    const shelf = await engine.handlers['catalog:get']({});
    expect(shelf.titles.find((t) => t.id === seriesId)).toMatchObject({
      resolvable: true,
      sourceId: added.id,
    });

    const series = await engine.handlers['catalog:details']({ titleId: seriesId });
    expect(series.episodes?.map((e) => e.id)).toEqual([
      `${SERIES_META_ID}:1:1`,
      `${SERIES_META_ID}:1:2`,
      `${SERIES_META_ID}:2:1`,
      `${SERIES_META_ID}:2:2`,
    ]);
    // pictures reach the window through the engine's own server only
    expect(series.backdrop).toMatch(new RegExp(`^${engine.streamOrigin}/`));
    const episode = await engine.handlers['catalog:play-options']({
      titleId: seriesId,
      episodeId: `${SERIES_META_ID}:2:1`,
    });
    expect(episode.options[0]).toMatchObject({ fileIndex: 0, peers: 12 });
    const film = await engine.handlers['catalog:play-options']({ titleId: filmId });
    expect(film.ignored).toContain('1 YouTube video was left out.');
    await engine.close();
    await addon.close();

    // a new run with the add-on unreachable: the shelf, the details and the ways to play stay
    const offline = await engineOn(dataDir);
    expect((await offline.handlers['catalog:get']({})).titles.map((t) => t.id)).toContain(seriesId);
    expect(
      (await offline.handlers['catalog:details']({ titleId: seriesId })).episodes,
    ).toHaveLength(4);
    expect(
      await offline.handlers['catalog:play-options']({
        titleId: seriesId,
        episodeId: `${SERIES_META_ID}:2:1`,
      }),
    ).toEqual(episode);
    await expect(
      offline.handlers['catalog:play-options']({
        titleId: seriesId,
        episodeId: `${SERIES_META_ID}:1:1`,
      }),
    ).rejects.toThrow(/could not be read from its source/);
  });
});
