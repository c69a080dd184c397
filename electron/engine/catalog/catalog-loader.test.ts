// The catalog loader against real files and a real HTTP server on 127.0.0.1.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CATALOG_BYTES } from '../../../shared/catalog-schema.js';
import { catalogViewSchema } from '../../../shared/domain.js';
import { magnetInfoHash } from '../../../shared/open-input.js';
import { DEFAULT_CATALOG_PATH, loadCatalogs } from './catalog-loader.js';

const MAGNET = 'magnet:?xt=urn:btih:dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c&dn=Big+Buck+Bunny';

const film = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'film',
  name: `Film ${id}`,
  source: MAGNET,
  ...extra,
});
const catalog = (name: string, titles: unknown[], channels: unknown[] = []) => ({
  format: 'essaim-catalog',
  version: 1,
  name,
  titles,
  channels,
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-catalog-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function file(content: unknown): Promise<string> {
  const path = join(await tempDir(), 'catalog.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A real server; `respond` decides each answer and can change between requests. */
async function serve(
  respond: (res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => respond(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/catalog.json`, server };
}

const json = (body: unknown) => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('loadCatalogs', () => {
  it('loads a valid catalog file', async () => {
    const channel = {
      id: 'ch1',
      name: 'News',
      link: 'essaim-live:?pk=Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI&origin=https%3A%2F%2Flive.example.org',
    };
    const view = await loadCatalogs({
      builtIn: await file(catalog('Mine', [film('a'), film('b')], [channel])),
      extra: [],
    });
    expect(catalogViewSchema.parse(view)).toEqual(view);
    expect(view.titles.map((t) => t.id)).toEqual(['a', 'b']);
    expect(view.channels).toEqual([channel]);
    expect(view.problems).toEqual([]);
  });

  it('skips a broken entry with a problem row and keeps the rest', async () => {
    const view = await loadCatalogs({
      builtIn: await file(
        catalog(
          'Mine',
          [
            film('good'),
            film('no-year', { year: 'soon' }),
            { name: 'nameless' },
            film('bad-source', { source: 'javascript:alert(1)' }),
            film('bad-poster', { poster: 'javascript:alert(1)' }),
            { id: 'empty-series', kind: 'series', name: 'S', episodes: [] },
          ],
          [
            {
              id: 'ch',
              name: 'C',
              link: 'essaim-live:?pk=Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI&origin=ftp%3A%2F%2Fx.example',
            },
          ],
        ),
      ),
      extra: [],
    });
    expect(view.titles.map((t) => t.id)).toEqual(['good', 'bad-poster']);
    expect(view.titles[1]?.poster).toBeUndefined();
    expect(view.channels).toEqual([]);
    expect(view.problems.map((p) => [p.catalog, p.entry])).toEqual([
      ['Mine', 'no-year'],
      ['Mine', 'titles[2]'],
      ['Mine', 'bad-source'],
      ['Mine', 'bad-poster'],
      ['Mine', 'empty-series'],
      ['Mine', 'ch'],
    ]);
    expect(view.problems[0]?.message).toMatch(/^Skipped: year/);
  });

  it('keeps the good episodes of a series and drops the broken ones', async () => {
    const episode = (id: string, source: string) => ({
      id,
      season: 1,
      episode: 1,
      name: id,
      source,
    });
    const view = await loadCatalogs({
      builtIn: await file(
        catalog('Mine', [
          {
            id: 'show',
            kind: 'series',
            name: 'Show',
            episodes: [
              episode('e1', MAGNET),
              episode('e2', 'http://plain.example/x.torrent'),
              episode('e1', MAGNET),
            ],
          },
        ]),
      ),
      extra: [],
    });
    expect(view.titles[0]?.episodes?.map((e) => e.id)).toEqual(['e1']);
    expect(view.problems).toHaveLength(2);
  });

  it.each([
    ['not JSON', '{"format": "essaim-catalog", '],
    ['the wrong format tag', JSON.stringify({ ...catalog('X', []), format: 'stremio' })],
    ['an unknown version', JSON.stringify({ ...catalog('X', []), version: 2 })],
    ['a catalog without a name', JSON.stringify({ ...catalog('X', []), name: '' })],
    ['an empty file', ''],
  ])('reports %s as a problem instead of throwing', async (_label, content) => {
    const good = await file(catalog('Good', [film('a')]));
    const view = await loadCatalogs({ builtIn: await file(content), extra: [good] });
    expect(view.titles.map((t) => t.id)).toEqual(['a']);
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]?.message).toMatch(/^This catalog could not be loaded because it/);
  });

  it('keeps translations of names and synopses, and leaves out a broken set with a note', async () => {
    const episode = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      season: 1,
      episode: Number(id.slice(1)),
      name: id,
      source: MAGNET,
      ...extra,
    });
    const view = await loadCatalogs({
      builtIn: await file(
        catalog('Mine', [
          film('a', {
            synopsis: 'A rabbit.',
            translations: {
              fr: { name: 'Film A', synopsis: 'Un lapin.' },
              de: { synopsis: 'Ein Hase.' },
            },
          }),
          film('b', { translations: { french: { synopsis: 'Code de langue faux.' } } }),
          film('c', { translations: { fr: { synopsis: 'x'.repeat(2001) } } }),
          {
            id: 's',
            kind: 'series',
            name: 'Show',
            episodes: [
              episode('e1', { translations: { fr: { name: 'Épisode 1' } } }),
              episode('e2', { translations: 'fr' }),
            ],
          },
        ]),
      ),
      extra: [],
    });
    expect(catalogViewSchema.parse(view)).toEqual(view);
    expect(view.titles.map((t) => t.id)).toEqual(['a', 'b', 'c', 's']);
    expect(view.titles[0]?.translations).toEqual({
      fr: { name: 'Film A', synopsis: 'Un lapin.' },
      de: { synopsis: 'Ein Hase.' },
    });
    expect(view.titles[1]?.translations).toBeUndefined();
    expect(view.titles[2]?.translations).toBeUndefined();
    const episodes = view.titles[3]?.episodes ?? [];
    expect(episodes.map((e) => e.translations)).toEqual([{ fr: { name: 'Épisode 1' } }, undefined]);
    expect(view.problems.map((p) => [p.entry, p.message.slice(0, 40)])).toEqual([
      ['b', 'The translations of this title were left'],
      ['c', 'The translations of this title were left'],
      ['s', 'The translations of episode e2 were left'],
    ]);
  });

  it('caps the number of translations of one entry', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 21 }, (_, i) => [
        String.fromCharCode(97 + i).repeat(2),
        { synopsis: 's' },
      ]),
    );
    const view = await loadCatalogs({
      builtIn: await file(catalog('Mine', [film('a', { translations: many })])),
      extra: [],
    });
    expect(view.titles[0]?.translations).toBeUndefined();
    expect(view.problems[0]?.message).toMatch(/at most 20 translations/);
  });

  it('refuses an oversized file before parsing it', async () => {
    const path = await file(' '.repeat(MAX_CATALOG_BYTES + 1));
    const view = await loadCatalogs({ builtIn: null, extra: [path] });
    expect(view.problems[0]?.message).toMatch(/larger than 5 MiB/);
  });

  it('reports a missing file and an unreachable server', async () => {
    const { url, server } = await serve(json({}));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const view = await loadCatalogs(
      { builtIn: '/no/such/catalog.json', extra: [url] },
      { allowPrivateAddresses: true },
    );
    expect(view.problems.map((p) => p.message)).toEqual([
      'This catalog could not be loaded because the file does not exist.',
      'This catalog could not be loaded because the server could not be reached.',
    ]);
  });

  it('loads a catalog from a real web server and merges it after the built-in one', async () => {
    const { url } = await serve(json(catalog('Web', [film('a', { name: 'Other A' }), film('c')])));
    const view = await loadCatalogs(
      {
        builtIn: await file(catalog('Built in', [film('a')])),
        extra: [url],
      },
      { allowPrivateAddresses: true },
    );
    expect(view.titles.map((t) => [t.id, t.name])).toEqual([
      ['a', 'Film a'],
      ['c', 'Film c'],
    ]);
    expect(view.problems).toEqual([
      {
        catalog: 'Web',
        entry: 'a',
        message: 'Skipped: an entry with this id was already loaded; the first one is kept.',
      },
    ]);
  });

  it('reports server errors, slow servers and oversized answers', async () => {
    const failing = await serve((res) => res.writeHead(404).end('nope'));
    const silent = await serve(() => undefined);
    const huge = await serve((res) => {
      res.writeHead(200); // no length announced: the cap has to hold while reading
      const chunk = Buffer.alloc(1024 * 1024, 32);
      for (let i = 0; i < 6; i++) res.write(chunk);
      res.end();
    });
    const view = await loadCatalogs(
      { builtIn: null, extra: [failing.url, silent.url, huge.url] },
      { fetchTimeoutMs: 500, allowPrivateAddresses: true },
    );
    expect(view.problems.map((p) => p.message)).toEqual([
      'This catalog could not be loaded because the server answered with error 404.',
      'This catalog could not be loaded because the server did not answer in time.',
      'This catalog could not be loaded because it is larger than 5 MiB.',
    ]);
  });

  it('falls back to the last good copy of a web catalog, marked as stale', async () => {
    const cacheDir = join(await tempDir(), 'cache');
    let up = true;
    const { url } = await serve((res) => {
      if (up) json(catalog('Web', [film('w')]))(res);
      else res.writeHead(500).end();
    });
    const options = { cacheDir, allowPrivateAddresses: true };
    const fresh = await loadCatalogs({ builtIn: null, extra: [url] }, options);
    expect(fresh.problems).toEqual([]);
    up = false;
    const stale = await loadCatalogs({ builtIn: null, extra: [url] }, options);
    expect(stale.titles.map((t) => t.id)).toEqual(['w']);
    expect(stale.problems).toHaveLength(1);
    expect(stale.problems[0]?.catalog).toBe('Web');
    expect(stale.problems[0]?.message).toMatch(
      /could not be refreshed \(the server answered with error 500\); showing the copy saved on \d{4}-\d\d-\d\d/,
    );
    const noCache = await loadCatalogs(
      { builtIn: null, extra: [url] },
      { allowPrivateAddresses: true },
    );
    expect(noCache.titles).toEqual([]);
  });

  it('refuses a web catalog on this computer unless the local network is allowed', async () => {
    const { url } = await serve(json(catalog('Web', [film('w')])));
    const view = await loadCatalogs({ builtIn: null, extra: [url] });
    expect(view.titles).toEqual([]);
    expect(view.problems.map((p) => p.message)).toEqual([
      'This catalog could not be loaded because it points at this computer or the local network, which is not allowed (see Settings, Network).',
    ]);
  });

  it('tags every title with the source it came from', async () => {
    const view = await loadCatalogs({ builtIn: await file(catalog('B', [film('a')])), extra: [] });
    expect(view.titles[0]?.sourceId).toBe('builtin');
  });

  it('sums up a flood of problems', async () => {
    const broken = Array.from({ length: 200 }, (_, i) => ({ id: `x${i}` }));
    const view = await loadCatalogs({ builtIn: await file(catalog('Noisy', broken)), extra: [] });
    expect(view.problems).toHaveLength(51);
    expect(view.problems[50]?.message).toBe('…and 150 more problem(s) in this catalog.');
  });

  it('loads nothing from no sources', async () => {
    expect(await loadCatalogs({ builtIn: null, extra: [] })).toEqual({
      titles: [],
      channels: [],
      problems: [],
    });
  });

  it('ships a built-in catalog that loads with no problems', async () => {
    const view = await loadCatalogs({ builtIn: DEFAULT_CATALOG_PATH, extra: [] });
    expect(view.problems).toEqual([]);
    const hashes = view.titles.map((t) => (t.source ? magnetInfoHash(t.source) : undefined));
    expect(hashes).toEqual(
      expect.arrayContaining([
        'dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c',
        '08ada5a7a6183aae1e09d831df6748d566095a10',
        '209c8226b299b308beaf2b9cd3fb49212dbd13ec',
        'c9e15763f722f23e98a29decdfae341b98d53056',
      ]),
    );
    const series = view.titles.find((t) => t.kind === 'series');
    expect(series?.episodes).toHaveLength(3);
    for (const title of view.titles) expect(title.licence).toMatch(/^CC BY/);
    // French synopses for the shipped titles and episodes
    for (const title of view.titles) expect(title.translations?.fr?.synopsis).toMatch(/\S/);
    for (const e of series?.episodes ?? []) expect(e.translations?.fr?.synopsis).toMatch(/\S/);
  });
});

describe('direct channels', () => {
  it('accepts a channel with exactly one of a link and a direct stream', async () => {
    const direct = { id: 'd', name: 'Direct', direct: { url: 'https://a.example/live.m3u8' } };
    const both = { ...direct, id: 'both', link: 'essaim-live:?pk=x' };
    const none = { id: 'none', name: 'None' };
    const ftp = { id: 'ftp', name: 'Ftp', direct: { url: 'ftp://a.example/live.m3u8' } };
    const view = await loadCatalogs({
      builtIn: await file(catalog('Mine', [], [direct, both, none, ftp])),
      extra: [],
    });
    expect(view.channels).toEqual([direct]);
    expect(view.problems.map((p) => p.entry)).toEqual(['both', 'none', 'ftp']);
  });

  it('reads an M3U list given as a catalog into direct channels', async () => {
    const path = join(await tempDir(), 'tv.m3u');
    await writeFile(
      path,
      '#EXTM3U url-tvg="https://guide.example/g.xml"\n#EXTINF:-1 tvg-id="N" group-title="News",News\nhttps://a.example/n.m3u8\n#EXTINF:-1,Box\nhttp://192.168.0.2/b.m3u8\n',
    );
    const view = await loadCatalogs({ builtIn: null, extra: [path] });
    expect(view.channels).toHaveLength(1);
    expect(view.channels[0]).toMatchObject({
      name: 'News',
      group: 'News',
      tvgId: 'N',
      guide: 'https://guide.example/g.xml',
      direct: { url: 'https://a.example/n.m3u8' },
    });
    expect(view.problems.some((p) => /local network/.test(p.message))).toBe(true);
    const local = await loadCatalogs(
      { builtIn: null, extra: [path] },
      { allowPrivateAddresses: true },
    );
    expect(local.channels).toHaveLength(2);
  });
});
