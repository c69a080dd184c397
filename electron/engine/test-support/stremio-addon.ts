// A small Stremio add-on served over HTTP on loopback for tests: a manifest, a film catalog long
// enough to need paging, a series with seasons, and stream answers of every kind (a torrent by
// info hash with its file index and tracker, a .torrent link, a plain video link, a YouTube id).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ADDON_ID = 'org.essaim.loopback';
export const FILM_META_ID = 'tt9000001';
export const SERIES_META_ID = 'tt9100001';
/** a film no catalog lists: only the search catalog answers it (and its meta and streams) */
export const SEARCH_ONLY_META_ID = 'tt0000042';

export interface AddonTorrent {
  infoHash: string;
  /** index of the video inside the torrent */
  fileIdx: number;
  announce: string;
  /** served at /files/film.torrent when given */
  torrentBytes?: Uint8Array;
}

export interface AddonAnswer {
  status?: number;
  body: string | Uint8Array;
  type?: string;
}

export interface StremioAddonOptions {
  /** the add-on's name in its manifest; default "Loopback Add-on" */
  name?: string;
  /** films in the paged catalog (the first is FILM_META_ID); 150 needs two pages */
  filmCount?: number;
  torrent?: AddonTorrent;
  /** replaces the answer for a path (hostile answers); undefined keeps the normal one */
  override?: (path: string) => AddonAnswer | undefined;
  /** paths never answered (an add-on that hangs); their connections end when the add-on closes */
  hang?: (path: string) => boolean;
}

export interface StremioAddon {
  origin: string;
  manifestUrl: string;
  /** every path asked, in order */
  requests: string[];
  close(): Promise<void>;
}

const PAGE = 100;
const json = (value: unknown): AddonAnswer => ({ body: JSON.stringify(value) });

function manifest(name = 'Loopback Add-on'): unknown {
  return {
    id: ADDON_ID,
    version: '1.0.0',
    name,
    description: 'Films and a series served on loopback for the tests.',
    resources: ['catalog', { name: 'meta', types: ['movie', 'series'] }, 'stream'],
    types: ['movie', 'series', 'tv'],
    idPrefixes: ['tt'],
    catalogs: [
      {
        type: 'movie',
        id: 'films',
        name: 'Loopback Films',
        extra: [{ name: 'skip' }, { name: 'genre', options: ['Drama', 'Comedy'] }],
      },
      { type: 'series', id: 'shows', name: 'Loopback Series' },
      { type: 'tv', id: 'channels', name: 'Loopback TV' },
      {
        type: 'movie',
        id: 'search',
        name: 'Search',
        extra: [{ name: 'search', isRequired: true }],
      },
    ],
  };
}

function film(index: number, origin: string): Record<string, unknown> {
  const number = 9000001 + index;
  return {
    id: `tt${number}`,
    type: 'movie',
    name: index === 0 ? 'Loopback Stremio Film' : `Catalog Film ${index + 1}`,
    poster: `${origin}/posters/${number}.png`,
    releaseInfo: String(1990 + (index % 30)),
    genres: index % 2 === 0 ? ['Drama'] : ['Comedy'],
    ...(index === 0
      ? {
          cast: ['Ada Test', 'Bob Loop'],
          director: ['Cy Frame'],
          description: 'A test pattern with a tone, served by a loopback add-on.',
        }
      : {}),
  };
}

function filmPage(skip: number, count: number, origin: string): unknown {
  const metas = [];
  for (let i = skip; i < Math.min(count, skip + PAGE); i++) metas.push(film(i, origin));
  return { metas };
}

function series(origin: string, full: boolean): unknown {
  const preview = {
    id: SERIES_META_ID,
    type: 'series',
    name: 'Loopback Series',
    poster: `${origin}/posters/series.png`,
    releaseInfo: '2024-',
    genres: ['Documentary'],
    description: 'Two seasons of test patterns.',
  };
  if (!full) return preview;
  const videos = [];
  for (const season of [1, 2])
    for (const episode of [1, 2])
      videos.push({
        id: `${SERIES_META_ID}:${season}:${episode}`,
        title: `Pattern ${season}.${episode}`,
        season,
        episode,
        released: `2024-0${season}-0${episode}T00:00:00.000Z`,
        thumbnail: `${origin}/stills/${season}-${episode}.png`,
        overview: `Episode ${episode} of season ${season}.`,
      });
  return { ...preview, background: `${origin}/backdrops/series.png`, runtime: '24 min', videos };
}

function streams(torrent: AddonTorrent | undefined, origin: string): unknown {
  const list: unknown[] = [];
  if (torrent) {
    list.push({
      name: 'Loopback\n1080p',
      title: 'Loopback.Film.1080p.WEB\n👤 12 💾 1.2 GB',
      infoHash: torrent.infoHash.toUpperCase(),
      fileIdx: torrent.fileIdx,
      sources: [`tracker:${torrent.announce}`, `dht:${torrent.infoHash}`],
      behaviorHints: { videoSize: 1234567, bingeGroup: 'loopback-1080p' },
    });
    if (torrent.torrentBytes)
      list.push({
        name: 'Loopback\n720p',
        title: 'As a .torrent file',
        url: `${origin}/files/film.torrent`,
      });
  }
  list.push({ name: 'Direct', url: `${origin}/files/film.mp4` });
  list.push({ name: 'Trailer', ytId: 'aqz-KE-bpKQ' });
  list.push({ name: 'Web', externalUrl: 'https://example.org/watch' });
  return { streams: list };
}

function answer(path: string, opts: StremioAddonOptions, origin: string): AddonAnswer {
  const count = opts.filmCount ?? 150;
  if (path === '/manifest.json') return json(manifest(opts.name));
  if (path === '/catalog/movie/films.json') return json(filmPage(0, count, origin));
  const skip = /^\/catalog\/movie\/films\/skip=(\d+)\.json$/.exec(path);
  if (skip) return json(filmPage(Number(skip[1]), count, origin));
  const search = /^\/catalog\/movie\/search\/search=(.*)\.json$/.exec(path);
  if (search) {
    const word = (search[1] ?? '').toLowerCase();
    const metas = [];
    for (let i = 0; i < count; i++) {
      const entry = film(i, origin);
      if (String(entry['name']).toLowerCase().includes(word)) metas.push(entry);
    }
    return json({
      metas: [
        ...metas,
        { id: SEARCH_ONLY_META_ID, type: 'movie', name: `Only found by searching ${word}` },
      ],
    });
  }
  if (path === `/meta/movie/${SEARCH_ONLY_META_ID}.json`)
    return json({
      meta: {
        id: SEARCH_ONLY_META_ID,
        type: 'movie',
        name: 'Only found by searching',
        description: 'No catalog of the add-on lists this film; a search finds it.',
      },
    });
  if (path === '/catalog/series/shows.json') return json({ metas: [series(origin, false)] });
  if (path === `/meta/series/${SERIES_META_ID}.json`) return json({ meta: series(origin, true) });
  const movie = /^\/meta\/movie\/(tt\d+)\.json$/.exec(path);
  if (movie) {
    const index = Number(movie[1]?.slice(2)) - 9000001;
    if (index >= 0 && index < count)
      return json({
        meta: {
          ...film(index, origin),
          runtime: '1h 32min',
          background: `${origin}/backdrops/${index}.png`,
        },
      });
  }
  if (/^\/stream\/(movie|series)\/[^/]+\.json$/.test(path))
    return json(streams(opts.torrent, origin));
  if (path === '/files/film.torrent' && opts.torrent?.torrentBytes)
    return { body: opts.torrent.torrentBytes, type: 'application/x-bittorrent' };
  return { status: 404, body: 'not found', type: 'text/plain' };
}

export async function startStremioAddon(opts: StremioAddonOptions = {}): Promise<StremioAddon> {
  const requests: string[] = [];
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const raw = new URL(req.url ?? '/', origin).pathname;
    let path = raw;
    try {
      path = decodeURIComponent(raw);
    } catch {
      // a malformed escape is answered as written: a 404
    }
    requests.push(path);
    if (opts.hang?.(path)) return;
    const reply = opts.override?.(path) ?? answer(path, opts, origin);
    res.writeHead(reply.status ?? 200, {
      'content-type': reply.type ?? 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
    });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    manifestUrl: `${origin}/manifest.json`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
