// The Internet Archive adapter against a recorded advancedsearch answer served on loopback, and a
// real _archive.torrent whose only source is its web seed: the film plays with no peer online.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleSchema } from '../../../../../shared/domain.js';
import { SOURCE_PRESETS } from '../../../../../shared/source-presets.js';
import type { Engine } from '../../../engine-api.js';
import { startArchiveServer, type ArchiveServer } from '../../../test-support/archive-server.js';
import { createLoopbackEngine } from '../../../test-support/loopback-engine.js';
import { makeTestVideo } from '../../../test-support/media.js';
import { testSourceContext } from '../../../test-support/source-context.js';
import { SourceError } from '../../catalog-source.js';
import { parseArchiveAddress } from './archive-address.js';
import { SOURCE_ADAPTERS, withArchiveAt } from '../adapters.js';
import { archiveAdapter, createArchiveAdapter } from './archive-adapter.js';

const ID = 'night_of_the_living_dead';
let dir: string;
let archive: ArchiveServer;
let engine: Engine | undefined;
const local = testSourceContext({ allowLocalNetwork: true });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-ia-'));
  const video = await makeTestVideo(dir, { seconds: 3, name: 'film.mp4' });
  archive = await startArchiveServer({ dir, videoPath: video, identifier: ID });
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await archive?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a collection read from the recorded answer', () => {
  it('asks advancedsearch for the collection, most downloaded first, and makes titles', async () => {
    const adapter = createArchiveAdapter({ baseUrl: archive.base });
    const loaded = await adapter.load('ia:collection:feature_films', local);
    const asked = new URL(archive.requests.at(-1) ?? '', archive.base);
    expect(asked.pathname).toBe('/advancedsearch.php');
    expect(asked.searchParams.get('q')).toBe(
      'collection:(feature_films) AND mediatype:(movies) AND format:("Archive BitTorrent")',
    );
    expect(asked.searchParams.getAll('fl[]')).toEqual(
      expect.arrayContaining(['identifier', 'title', 'year', 'licenseurl', 'runtime']),
    );
    expect(asked.searchParams.get('sort[]')).toBe('downloads desc');
    expect(asked.searchParams.get('rows')).toBe('500');
    expect(asked.searchParams.get('output')).toBe('json');

    for (const title of loaded.titles) expect(titleSchema.safeParse(title).success).toBe(true);
    expect(loaded.titles.map((t) => t.id)).toEqual([
      `ia:${ID}`,
      'ia:his_girl_friday',
      'ia:Plan_9_from_Outer_Space_1959',
      'ia:CarnivalofSouls',
    ]);
    expect(loaded.titles[0]).toEqual({
      id: `ia:${ID}`,
      kind: 'film',
      name: 'Night of the Living Dead',
      year: 1968,
      synopsis:
        "George A. Romero's classic horror film about a group of people trapped in a farmhouse & besieged by the living dead.",
      genres: ['Horror', 'zombies', 'cult film'],
      durationMinutes: 96,
      licence: 'Public domain',
      credit: 'George A. Romero (Internet Archive)',
      poster: `${archive.base}/services/img/${ID}`,
      source: `${archive.base}/download/${ID}/${ID}_archive.torrent`,
    });
    expect(loaded.titles[1]).toMatchObject({
      year: 1940,
      synopsis:
        'A newspaper editor uses every trick in the book to keep his ex-wife from remarrying.',
      genres: ['Comedy', 'Romance', 'Screwball'],
      durationMinutes: 92,
      credit: 'Howard Hawks, Columbia Pictures (Internet Archive)',
    });
    expect(loaded.titles[2]).toMatchObject({
      name: 'Plan 9 from Outer Space (1959)',
      year: 1959,
      licence: 'CC BY-SA 3.0',
    });
    expect(loaded.titles[3]?.year).toBe(1962);
    expect(loaded.problems.map((p) => p.message)).toEqual([
      'The Internet Archive found 28412 items; the 4 most downloaded were read.',
    ]);
  });

  it('plays a title from the web seed alone: no tracker, no peer online', async () => {
    const adapter = createArchiveAdapter({ baseUrl: archive.base });
    const [title] = (await adapter.load('ia:collection:feature_films', local)).titles;
    engine = await createLoopbackEngine(join(dir, 'data'));
    const item = await engine.handlers['library:add']({
      source: { kind: 'url', url: title?.source ?? '' },
    });
    expect(item.files.map((f) => f.path).sort()).toEqual([
      `${ID}/${ID}.mp4`,
      `${ID}/${ID}_meta.xml`,
    ]);
    const session = await engine.handlers['playback:start']({ itemId: item.id });
    const res = await fetch(session.streamUrl ?? '');
    expect(Buffer.from(await res.arrayBuffer()).equals(archive.filmBytes)).toBe(true);
    // every byte came over HTTP ranges from the item's download folder
    expect(archive.filmRangeRequests()).toBeGreaterThan(0);
    await engine.handlers['playback:stop']({ sessionId: session.sessionId });
  }, 60_000);
});

describe('hostile or odd answers', () => {
  let server: Server;
  let base: string;
  let body: string | Buffer = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('leaves out entries of the wrong type or with an unsafe identifier, and says so', async () => {
    body = JSON.stringify({
      response: {
        numFound: 5,
        docs: [
          { identifier: '../../etc/passwd', title: 'Escape' },
          { identifier: 'ok_item', title: { nested: 'wrong type' } },
          'not an object',
          { identifier: ['first_of_list', 'second'], title: ['<b>Listed</b>'], year: 'unknown' },
          { identifier: 'first_of_list', title: 'Repeated' },
        ],
      },
    });
    const loaded = await createArchiveAdapter({ baseUrl: base }).load('ia:search:x', local);
    expect(loaded.titles).toEqual([
      expect.objectContaining({ id: 'ia:first_of_list', name: 'Listed' }),
    ]);
    expect(loaded.titles[0]?.year).toBeUndefined();
    expect(loaded.problems.map((p) => p.message)).toEqual([
      '3 items had no usable identifier or title and were left out.',
    ]);
  });

  it.each([
    ['not JSON', '<html>busy</html>', /not valid JSON/],
    ['not a search answer', '{"error":"no"}', /not a list of search results/],
    ['docs of the wrong type', '{"response":{"docs":"many"}}', /not a list of search results/],
    [
      'nested a million levels deep',
      '['.repeat(1e6) + ']'.repeat(1e6),
      /not a list of search results/,
    ],
  ])('says plainly when the answer is %s', async (_what, answer, why) => {
    body = answer;
    const error = await createArchiveAdapter({ baseUrl: base })
      .load('ia:collection:feature_films', local)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(why);
  });

  it('leaves out an entry whose title is nested deeply instead of text', async () => {
    body = `{"response":{"numFound":1,"docs":[{"identifier":"x","title":${'['.repeat(1e5)}"t"${']'.repeat(1e5)}}]}}`;
    const loaded = await createArchiveAdapter({ baseUrl: base }).load('ia:search:x', local);
    expect(loaded.titles).toEqual([]);
    expect(loaded.problems.map((p) => p.message)).toEqual([
      '1 item had no usable identifier or title and was left out.',
    ]);
  });

  it('refuses a huge answer', async () => {
    body = Buffer.alloc(17 * 1024 * 1024, ' ');
    await expect(
      createArchiveAdapter({ baseUrl: base }).load('ia:collection:feature_films', local),
    ).rejects.toThrow(/larger than 16 MiB/);
  });

  it('never contacts a loopback Archive while the local-network setting is off', async () => {
    const closed = testSourceContext({ allowLocalNetwork: false });
    await expect(
      createArchiveAdapter({ baseUrl: base }).load('ia:collection:feature_films', closed),
    ).rejects.toThrow(/not allowed/);
    expect(closed.fetched).toEqual([]);
  });
});

describe('address forms', () => {
  it.each([
    ['ia:collection:feature_films', 'collection:(feature_films) AND mediatype:(movies)'],
    ['ia:item:his_girl_friday', 'identifier:(his_girl_friday)'],
    ['ia:search:collection:feature_films AND year:1968', 'collection:feature_films AND year:1968'],
    ['https://archive.org/details/feature_films', '(collection:(feature_films) AND'],
    ['https://www.archive.org/details/his_girl_friday/', 'identifier:(his_girl_friday)'],
    ['https://archive.org/search?query=nosferatu', 'nosferatu'],
    ['https://archive.org/advancedsearch.php?q=title%3A%28detour%29', 'title:(detour)'],
  ])('%s is read as a query', (address, query) => {
    expect(parseArchiveAddress(address)?.query).toContain(query);
    expect(archiveAdapter.recognises(address)).toBe(true);
  });

  it.each([
    'ia:collection:../../x',
    'ia:item:a b',
    'ia:search:',
    'ia:search:bad\u0000query',
    'http://archive.org/details/feature_films',
    'https://archive.org.evil.example/details/feature_films',
    'https://archive.org/about',
    'https://example.org/feed.rss',
  ])('%s is not an Internet Archive address', (address) => {
    expect(archiveAdapter.recognises(address)).toBe(false);
  });

  it('refuses an unknown address in plain words when loaded anyway', async () => {
    await expect(archiveAdapter.load('https://example.org/x', local)).rejects.toThrow(
      /not an Internet Archive address/,
    );
  });

  it('offers the feature films as a ready-made source the adapter understands', () => {
    const preset = SOURCE_PRESETS.find((p) => p.kind === 'internet-archive');
    expect(preset?.name.en).toBe('Internet Archive: feature films (public domain)');
    expect(archiveAdapter.recognises(preset?.address ?? '')).toBe(true);
  });
});

describe('the adapter list', () => {
  it('moves only the Internet Archive to a test address, and recognises it first', async () => {
    const moved = withArchiveAt(SOURCE_ADAPTERS, archive.base);
    expect(moved.map((a) => a.kind)).toEqual(SOURCE_ADAPTERS.map((a) => a.kind));
    const ia = moved.find((a) => a.kind === 'internet-archive');
    const loaded = await ia?.load('ia:item:his_girl_friday', local);
    expect(loaded?.titles[0]?.source).toMatch(new RegExp(`^${archive.base}/download/`));
    expect(withArchiveAt(SOURCE_ADAPTERS, undefined)).toBe(SOURCE_ADAPTERS);
    // an archive.org search link ending in .xml is still the Archive, not a feed
    const address = 'https://archive.org/advancedsearch.php?q=x&output=rss.xml';
    expect(SOURCE_ADAPTERS.find((a) => a.recognises(address))?.kind).toBe('internet-archive');
  });
});
