// Searching the add-ons through the engine's own commands, as the window does: a title only a
// search catalog answers is found, opened and offered ways to play; an add-on that hangs is told
// as not answering in time while the others' titles show; a refused local address says so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine, EngineOptions } from './engine-api.js';
import { createLoopbackEngine } from './test-support/loopback-engine.js';
import {
  ADDON_ID,
  SEARCH_ONLY_META_ID,
  startStremioAddon,
  type StremioAddonOptions,
} from './test-support/stremio-addon.js';

const HASH = '2222222222222222222222222222222222222222';
const FOUND_ID = `stremio:${ADDON_ID}:${SEARCH_ONLY_META_ID}`;
const isSearch = (path: string) => path.startsWith('/catalog/movie/search/');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function engineWith(extra: Partial<EngineOptions> = {}): Promise<Engine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'essaim-search-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const engine = await createLoopbackEngine(dataDir, extra);
  cleanups.push(() => engine.close());
  return engine;
}

async function addon(options: StremioAddonOptions) {
  const started = await startStremioAddon(options);
  cleanups.push(() => started.close());
  return started;
}

describe('catalog:search across the add-ons', () => {
  it('finds a title only a search reaches, opens it and lists its ways to play', async () => {
    const good = await addon({
      filmCount: 3,
      torrent: { infoHash: HASH, fileIdx: 0, announce: 'http://127.0.0.1:9/announce' },
    });
    const hanging = await addon({ name: 'Hanging Add-on', filmCount: 1, hang: isSearch });
    const engine = await engineWith({ sourceSearchTimeLimitMs: 1500 });
    const added = await engine.handlers['sources:add']({ address: good.manifestUrl });
    await engine.handlers['sources:add']({ address: hanging.manifestUrl });

    // not on the shelf, so unknown until a search finds it
    const shelf = await engine.handlers['catalog:get']({});
    expect(shelf.titles.map((t) => t.id)).not.toContain(FOUND_ID);
    await expect(engine.handlers['catalog:details']({ titleId: FOUND_ID })).rejects.toThrow(
      /not in the catalog/,
    );

    const answer = await engine.handlers['catalog:search']({ query: '  Zebra ' });
    expect(answer.titles.find((t) => t.id === FOUND_ID)).toMatchObject({
      name: 'Only found by searching zebra',
      kind: 'film',
      resolvable: true,
      sourceId: added.id,
    });
    expect(answer.problems).toEqual(['Hanging Add-on did not answer in time.']);
    expect(hanging.requests.filter(isSearch)).toHaveLength(1);

    const details = await engine.handlers['catalog:details']({ titleId: FOUND_ID });
    expect(details).toMatchObject({
      id: FOUND_ID,
      synopsis: 'No catalog of the add-on lists this film; a search finds it.',
    });
    const ways = await engine.handlers['catalog:play-options']({ titleId: FOUND_ID });
    expect(ways.options[0]).toMatchObject({ fileIndex: 0, peers: 12 });
    expect(ways.options[0]?.source).toMatch(`magnet:?xt=urn:btih:${HASH}`);

    // the same words again are answered from memory by the add-on that answered
    const asked = good.requests.filter(isSearch).length;
    await engine.handlers['catalog:search']({ query: 'zebra' });
    expect(good.requests.filter(isSearch)).toHaveLength(asked);
  });

  it('says in plain words that a local add-on may not be searched once that is not allowed', async () => {
    const local = await addon({ filmCount: 2 });
    const engine = await engineWith({ allowPrivateAddresses: false });
    await engine.handlers['settings:update']({ allowLocalNetwork: true });
    await engine.handlers['sources:add']({ address: local.manifestUrl });
    await engine.handlers['settings:update']({ allowLocalNetwork: false });

    const answer = await engine.handlers['catalog:search']({ query: 'zebra' });
    expect(answer.titles).toEqual([]);
    expect(answer.problems).toEqual([
      'Loopback Add-on could not be searched because it points at this computer or the local network, which is not allowed (see Settings, Network).',
    ]);
    expect(local.requests.filter(isSearch)).toEqual([]);
  });
});
