// Hostile add-ons: answers that are not manifests, of the wrong types, huge, deeply nested, with
// markup in names, or pointing at private addresses. Each is refused or trimmed in plain words.
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADDON_ID,
  startStremioAddon,
  type StremioAddon,
  type StremioAddonOptions,
} from '../../../test-support/stremio-addon.js';
import { testSourceContext } from '../../../test-support/test-source-context.js';
import { resourceUrl } from './stremio-address.js';
import { stremioAdapter } from './stremio-adapter.js';
import { mapMeta } from './stremio-meta.js';
import { mapStreams } from './stremio-streams.js';

const allowed = testSourceContext({ allowPrivate: true });
let addon: StremioAddon | undefined;

async function serve(opts: StremioAddonOptions): Promise<StremioAddon> {
  addon = await startStremioAddon(opts);
  return addon;
}
afterEach(async () => {
  await addon?.close();
  addon = undefined;
});

const only = (path: string, body: string) => (p: string) => (p === path ? { body } : undefined);

describe('stremio adapter: hostile answers', () => {
  it('refuses what is not a manifest, in plain words', async () => {
    for (const body of ['{"hello":"world"}', '[1,2,3]', '{"id":5,"name":[],"version":1}', 'null']) {
      const { manifestUrl } = await serve({ override: only('/manifest.json', body) });
      await expect(stremioAdapter.load(manifestUrl, allowed)).rejects.toThrow(
        /not a Stremio add-on manifest/,
      );
      await addon?.close();
    }
    const { manifestUrl } = await serve({ override: only('/manifest.json', '<html>hi</html>') });
    await expect(stremioAdapter.load(manifestUrl, allowed)).rejects.toThrow(/not JSON/);
  });

  it('refuses an address that is not a manifest link', async () => {
    await expect(stremioAdapter.load('https://example.org/list.json', allowed)).rejects.toThrow(
      /ending in \/manifest\.json/,
    );
  });

  it('refuses a huge manifest and a huge catalog page without reading them whole', async () => {
    const huge = `{"pad":"${'x'.repeat(3 * 1024 * 1024)}"}`;
    const { manifestUrl } = await serve({ override: only('/manifest.json', huge) });
    await expect(stremioAdapter.load(manifestUrl, allowed)).rejects.toThrow(/larger than/);
    await addon?.close();

    const page = `{"metas":[${'{"id":"tt1","name":"x"},'.repeat(400_000)}{"id":"tt2","name":"y"}]}`;
    const served = await serve({ override: only('/catalog/movie/films.json', page) });
    const loaded = await stremioAdapter.load(served.manifestUrl, allowed);
    const words = loaded.problems.map((p) => `${p.catalog}: ${p.message}`).join('\n');
    expect(words).toMatch(/Loopback Films: This catalog could not be read: .*larger than/);
    // the other catalog is still read
    expect(loaded.titles.map((t) => t.name)).toEqual(['Loopback Series']);
  });

  it('survives deep nesting and wrong types, keeping what is usable', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const metas = [
      JSON.parse(deep) as unknown,
      { id: { nested: true }, name: 'No id' },
      { id: 'tt1', name: 42 },
      {
        id: 'tt2',
        type: 'movie',
        name: '<img src=x onerror=alert(1)> <b>Bold</b>',
        poster: { url: 'x' },
        releaseInfo: 2001,
        genres: 'Drama',
        cast: [1, 'Ann', null, 'Ann', { a: 1 }],
        director: 'Dee',
        description: ['not', 'a', 'string'],
        imdbRating: { x: 1 },
      },
    ];
    const body = `{"metas":[${deep},${JSON.stringify(metas.slice(1)).slice(1, -1)}]}`;
    const { manifestUrl } = await serve({ override: only('/catalog/movie/films.json', body) });
    const loaded = await stremioAdapter.load(manifestUrl, allowed);
    const film = loaded.titles.find((t) => t.kind === 'film');
    expect(loaded.titles.filter((t) => t.kind === 'film')).toHaveLength(1);
    expect(film).toEqual({
      id: `stremio:${ADDON_ID}:tt2`,
      kind: 'film',
      // markup stays text: the window shows it as written, never as HTML
      name: '<img src=x onerror=alert(1)> <b>Bold</b>',
      year: 2001,
      genres: ['Drama'],
      cast: ['Ann'],
      directors: ['Dee'],
      resolvable: true,
    });
    const words = loaded.problems.map((p) => p.message).join('\n');
    expect(words).toMatch(/An entry was left out: it has no usable id/);
    expect(words).toMatch(/An entry was left out: it has no name/);
  });

  it('refuses a meta or stream answer of the wrong shape', async () => {
    const { manifestUrl } = await serve({
      override: (p) =>
        p.startsWith('/meta/')
          ? { body: '{"meta":null}' }
          : p.startsWith('/stream/')
            ? { body: '{"streams":{}}' }
            : undefined,
    });
    const film = { id: `stremio:${ADDON_ID}:tt9000001`, kind: 'film' as const, name: 'F' };
    await expect(stremioAdapter.details?.(manifestUrl, film, allowed)).rejects.toThrow(/unusable/);
    await expect(
      stremioAdapter.playOptions?.(manifestUrl, film, undefined, allowed),
    ).rejects.toThrow(/did not answer with ways to play/);
  });

  it('keeps the shelf name when a full meta leaves it out', async () => {
    const { manifestUrl } = await serve({
      override: (p) =>
        p.startsWith('/meta/') ? { body: '{"meta":{"description":"Only this"}}' } : undefined,
    });
    const film = { id: `stremio:${ADDON_ID}:tt9000001`, kind: 'film' as const, name: 'Shelf name' };
    expect(await stremioAdapter.details?.(manifestUrl, film, allowed)).toMatchObject({
      id: film.id,
      name: 'Shelf name',
      synopsis: 'Only this',
    });
  });

  it('keeps hostile ids inside their own path segment', () => {
    const url = resourceUrl('https://a.example/addon/', 'meta', 'movie', '../../../secret?x=1#y');
    expect(url).toBe('https://a.example/addon/meta/movie/..%2F..%2F..%2Fsecret%3Fx%3D1%23y.json');
    expect(() => resourceUrl('https://a.example/addon/', 'catalog', 'movie', '..')).toThrow(
      /cannot be asked for/,
    );
  });
});

describe('stremio adapter: private addresses', () => {
  it('refuses an add-on on this machine unless the local network is allowed', async () => {
    const { manifestUrl } = await serve({});
    const refused = testSourceContext({ allowPrivate: false });
    await expect(stremioAdapter.load(manifestUrl, refused)).rejects.toThrow(/local network/);
    await expect(stremioAdapter.load(manifestUrl, allowed)).resolves.toBeTruthy();
  });

  it('drops pictures, trackers and .torrent links on private addresses unless allowed', () => {
    const meta = {
      id: 'tt5',
      name: 'N',
      poster: 'http://192.168.1.2/p.png',
      background: 'javascript:alert(1)',
    };
    const closed = mapMeta(meta, { addonId: 'a', type: 'movie', allowLocal: false, full: false });
    expect(closed.title?.poster).toBeUndefined();
    expect(closed.title?.backdrop).toBeUndefined();
    const open = mapMeta(meta, { addonId: 'a', type: 'movie', allowLocal: true, full: false });
    expect(open.title?.poster).toBe('http://192.168.1.2/p.png');
    expect(open.title?.backdrop).toBeUndefined();

    const streams = [
      {
        infoHash: 'a'.repeat(40),
        sources: [
          'tracker:udp://10.0.0.1:6969',
          'tracker:https://tr.example.org/announce',
          'dht:x',
        ],
      },
      { url: 'http://10.1.1.1/film.torrent' },
      { infoHash: 'not-a-hash' },
      'not even an object',
    ];
    const answer = mapStreams(streams, { allowLocal: false, displayName: 'N' });
    expect(answer.options).toEqual([
      {
        source: `magnet:?xt=urn:btih:${'a'.repeat(40)}&dn=N&tr=${encodeURIComponent('https://tr.example.org/announce')}`,
      },
    ]);
    expect(answer.ignored).toEqual([
      '1 link to a private network address was left out (the local network is not allowed in Settings).',
      '2 entries could not be read and were left out.',
    ]);
  });
});
