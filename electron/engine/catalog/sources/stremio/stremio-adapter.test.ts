// The Stremio adapter against a real add-on served on loopback: catalogs with paging, details with
// episodes, stream answers of every kind, and hostile answers that must fail in plain words.
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADDON_ID,
  FILM_META_ID,
  SERIES_META_ID,
  startStremioAddon,
  type StremioAddon,
  type StremioAddonOptions,
} from '../../../test-support/stremio-addon.js';
import { testSourceContext } from '../../../test-support/test-source-context.js';
import { stremioAdapter } from './stremio-adapter.js';
import { MAX_PAGES, MAX_TITLES_PER_CATALOG } from './stremio-catalogs.js';

const HASH = '0123456789abcdef0123456789abcdef01234567';
const context = testSourceContext({ allowPrivate: true });
let addon: StremioAddon | undefined;

async function serve(opts: StremioAddonOptions = {}): Promise<StremioAddon> {
  addon = await startStremioAddon(opts);
  return addon;
}

afterEach(async () => {
  await addon?.close();
  addon = undefined;
});

const filmId = `stremio:${ADDON_ID}:${FILM_META_ID}`;
const seriesId = `stremio:${ADDON_ID}:${SERIES_META_ID}`;

describe('stremio adapter: catalogs', () => {
  it('reads the film and series catalogs, page by page, and says what it left out', async () => {
    const { manifestUrl, requests } = await serve({ filmCount: 150 });
    const loaded = await stremioAdapter.load(manifestUrl, context);

    expect(loaded.name).toBe('Loopback Add-on');
    expect(loaded.titles).toHaveLength(151);
    expect(requests).toContain('/catalog/movie/films/skip=100.json');
    expect(requests).not.toContain('/catalog/movie/films/skip=200.json');
    expect(requests.some((p) => p.startsWith('/catalog/tv/'))).toBe(false);
    expect(requests.some((p) => p.startsWith('/catalog/movie/search'))).toBe(false);

    const film = loaded.titles.find((t) => t.id === filmId);
    expect(film).toMatchObject({
      kind: 'film',
      name: 'Loopback Stremio Film',
      year: 1990,
      genres: ['Drama'],
      cast: ['Ada Test', 'Bob Loop'],
      directors: ['Cy Frame'],
      synopsis: 'A test pattern with a tone, served by a loopback add-on.',
      resolvable: true,
    });
    expect(film?.poster).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/posters\/9000001\.png$/);
    expect(loaded.titles.find((t) => t.id === seriesId)).toMatchObject({
      kind: 'series',
      year: 2024,
    });
    const words = loaded.problems.map((p) => `${p.catalog}: ${p.message}`).join('\n');
    expect(words).toMatch(/Loopback TV: Catalogs of type "tv" are left out/);
    expect(words).toMatch(/1 catalog answering only searches is not listed; it is asked when/);
  });

  it(`stops at ${MAX_TITLES_PER_CATALOG} titles a catalog and says so`, async () => {
    const { manifestUrl, requests } = await serve({ filmCount: 2500 });
    const loaded = await stremioAdapter.load(manifestUrl, context);
    expect(loaded.titles.filter((t) => t.kind === 'film')).toHaveLength(MAX_TITLES_PER_CATALOG);
    expect(requests.filter((p) => p.startsWith('/catalog/movie/films'))).toHaveLength(MAX_PAGES);
    expect(loaded.problems.map((p) => p.message).join()).toMatch(/Only the first 2000 titles/);
  });

  it('stops when an add-on ignores skip and answers the same page again', async () => {
    const { manifestUrl, requests } = await serve({
      filmCount: 300,
      override: (path) =>
        path.startsWith('/catalog/movie/films/skip=')
          ? {
              body: JSON.stringify({
                metas: Array.from({ length: 100 }, (_, i) => ({
                  id: `tt${9000001 + i}`,
                  type: 'movie',
                  name: `Again ${i}`,
                })),
              }),
            }
          : undefined,
    });
    const loaded = await stremioAdapter.load(manifestUrl, context);
    expect(loaded.titles.filter((t) => t.kind === 'film')).toHaveLength(100);
    expect(requests.filter((p) => p.startsWith('/catalog/movie/films'))).toHaveLength(2);
  });

  it('accepts stremio:// links as https and refuses what is not a manifest link', () => {
    expect(stremioAdapter.recognises('stremio://addon.example.org/x/manifest.json')).toBe(true);
    expect(stremioAdapter.recognises('https://addon.example.org/manifest.json')).toBe(true);
    expect(stremioAdapter.recognises('https://example.org/catalog.json')).toBe(false);
    expect(stremioAdapter.recognises('file:///tmp/manifest.json')).toBe(false);
  });
});

describe('stremio adapter: search', () => {
  it("asks the add-on's search catalogs for a word", async () => {
    const { manifestUrl, requests } = await serve({ filmCount: 150 });
    const found = (await stremioAdapter.search?.(manifestUrl, 'stremio film', context)) ?? [];
    expect(requests).toContain('/catalog/movie/search/search=stremio film.json');
    expect(found.map((t) => t.name)).toEqual([
      'Loopback Stremio Film',
      'Only found by searching stremio film',
    ]);
    expect(found[1]).toMatchObject({ id: `stremio:${ADDON_ID}:tt0000042`, resolvable: true });
    expect(await stremioAdapter.search?.(manifestUrl, '   ', context)).toEqual([]);
  });

  it('says the add-on failed when its search catalog answers something else than titles', async () => {
    const { manifestUrl } = await serve({
      override: (path) =>
        path.startsWith('/catalog/movie/search/') ? { body: '{"metas":"<b>no</b>"}' } : undefined,
    });
    await expect(stremioAdapter.search?.(manifestUrl, 'zebra', context)).rejects.toThrow(
      'the add-on did not answer with a list of titles',
    );
  });
});

describe('stremio adapter: details', () => {
  it('reads a series with its seasons and episodes', async () => {
    const { manifestUrl } = await serve();
    const { titles } = await stremioAdapter.load(manifestUrl, context);
    const preview = titles.find((t) => t.id === seriesId);
    if (!preview) throw new Error('series missing');
    const full = await stremioAdapter.details?.(
      manifestUrl,
      { ...preview, sourceId: 's1' },
      context,
    );

    expect(full).toMatchObject({
      id: seriesId,
      durationMinutes: 24,
      sourceId: 's1',
      resolvable: true,
    });
    expect(full?.backdrop).toMatch(/\/backdrops\/series\.png$/);
    expect(full?.episodes).toHaveLength(4);
    expect(full?.episodes?.[2]).toMatchObject({
      id: `${SERIES_META_ID}:2:1`,
      season: 2,
      episode: 1,
      name: 'Pattern 2.1',
      released: '2024-02-01T00:00:00.000Z',
      synopsis: 'Episode 1 of season 2.',
    });
    expect(full?.episodes?.[2]?.thumbnail).toMatch(/\/stills\/2-1\.png$/);
  });

  it('reads a film runtime written as hours and minutes', async () => {
    const { manifestUrl } = await serve();
    const { titles } = await stremioAdapter.load(manifestUrl, context);
    const preview = titles.find((t) => t.id === filmId);
    if (!preview) throw new Error('film missing');
    const full = await stremioAdapter.details?.(manifestUrl, preview, context);
    expect(full).toMatchObject({ durationMinutes: 92, cast: ['Ada Test', 'Bob Loop'] });
  });
});

describe('stremio adapter: play options', () => {
  const torrent = {
    infoHash: HASH,
    fileIdx: 1,
    announce: 'http://127.0.0.1:8000/announce',
    torrentBytes: new Uint8Array([100, 101]),
  };

  it('turns torrents into options and says what it left out', async () => {
    const { manifestUrl, origin, requests } = await serve({ torrent });
    const film = {
      id: filmId,
      kind: 'film' as const,
      name: 'Loopback Stremio Film',
      resolvable: true,
    };
    const answer = await stremioAdapter.playOptions?.(manifestUrl, film, undefined, context);

    expect(requests).toContain(`/stream/movie/${FILM_META_ID}.json`);
    expect(answer?.options).toHaveLength(2);
    const [first, second] = answer?.options ?? [];
    expect(first).toMatchObject({
      fileIndex: 1,
      label: 'Loopback 1080p · Loopback.Film.1080p.WEB',
      sizeBytes: 1234567,
      peers: 12,
    });
    expect(first?.source).toBe(
      `magnet:?xt=urn:btih:${HASH}&dn=Loopback%20Stremio%20Film&tr=${encodeURIComponent(torrent.announce)}`,
    );
    expect(second).toMatchObject({
      source: `${origin}/files/film.torrent`,
      label: 'Loopback 720p · As a .torrent file',
    });
    expect(answer?.ignored).toEqual([
      '1 direct video link was left out (not P2P; this app plays torrents).',
      '1 YouTube video was left out.',
      '1 link to a web page was left out.',
    ]);
    expect(answer?.leftOut).toEqual([
      { reason: 'direct', count: 1 },
      { reason: 'youtube', count: 1 },
      { reason: 'web-page', count: 1 },
    ]);
  });

  it('asks a series episode by its own id, and asks for an episode first', async () => {
    const { manifestUrl, requests } = await serve({ torrent });
    const series = {
      id: seriesId,
      kind: 'series' as const,
      name: 'Loopback Series',
      resolvable: true,
    };
    const none = await stremioAdapter.playOptions?.(manifestUrl, series, undefined, context);
    expect(none).toEqual({
      options: [],
      ignored: ['Choose an episode to see the ways to play it.'],
    });
    const answer = await stremioAdapter.playOptions?.(
      manifestUrl,
      series,
      `${SERIES_META_ID}:2:1`,
      context,
    );
    expect(requests).toContain(`/stream/series/${SERIES_META_ID}:2:1.json`);
    expect(answer?.options[0]?.fileIndex).toBe(1);
  });
});
