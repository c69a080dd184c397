// The local HTTP stream the window's <video> plays: one loopback server, a per-run token, lookups
// by server-side session id only. It never serves a path taken from the URL, never lists anything,
// never sends CORS headers and never writes.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import rangeParser from 'range-parser';
import { parseArtPath, serveArt, type ArtSource } from './art-route.js';

/** What a session streams: a byte source of known length (a torrent file once its metadata is known). */
export interface StreamTarget {
  length: number;
  name: string;
  createReadStream(range: { start: number; end: number }): NodeJS.ReadableStream;
}

export interface StreamServerOptions {
  /** Finds the target of a session; may wait for the metadata. undefined = no such session. */
  resolve(sessionId: string): Promise<StreamTarget | undefined>;
  /** Origins allowed to send an Origin header (the app's own UI); any other origin gets 403. */
  allowedOrigins: string[];
  /** Told of every GET's first byte: that is how a seek moves the read-ahead window. */
  onRangeRequest?(sessionId: string, startByte: number): void;
  /** How long a request waits for a target before 503 (default 60 s). */
  metadataTimeoutMs?: number;
  /** Converted playback: fragmented MP4 feeds and subtitle text, answered by the media code. */
  media?: MediaRoutes;
  /** Live sessions: their local HLS playlist and verified segments, looked up by session id. */
  live?: LiveSource;
  /** Catalog artwork cached by the engine, served at `/<token>/art/<key>`. */
  art?: ArtSource;
  /** Direct channels: playlists and media relayed from upstream, by session and opaque item id. */
  relay?: RelaySource;
}

/** What the relay routes serve; an unknown session or item id must answer 404 without fetching. */
export interface RelaySource {
  serve(
    sessionId: string,
    itemId: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void>;
}

/** `/<token>/feed/<session>?ss=T` and `/<token>/subs/<session>/<track>?ss=T`, read by the window. */
export interface MediaRoutes {
  feed(sessionId: string, query: URLSearchParams, res: ServerResponse): Promise<void>;
  subtitles(
    sessionId: string,
    trackId: string,
    query: URLSearchParams,
    res: ServerResponse,
  ): Promise<void>;
}

/** What the live routes serve; both answer undefined for an unknown session or segment. */
export interface LiveSource {
  playlist(sessionId: string): string | undefined;
  segment(sessionId: string, segmentId: number): Uint8Array | undefined;
}

export interface StreamServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  urlFor(sessionId: string, fileName: string): string;
  feedUrlFor(sessionId: string): string;
  subtitleUrlFor(sessionId: string, trackId: string): string;
  /** the live session's playlist address */
  liveUrlFor(sessionId: string): string;
  /** where the window loads the picture cached under this key */
  artUrlFor(key: string): string;
  /** a relayed item of a direct channel (its playlists end in .m3u8 for the player's sake) */
  relayUrlFor(sessionId: string, itemId: string, kind: 'playlist' | 'media'): string;
  /**
   * Let one more origin (the window, once its host knows it) read what it fetches itself:
   * converted feeds, subtitles, live playlists.
   */
  allowOrigin(origin: string): void;
  close(): Promise<void>;
}

const SESSION_ID = /^[A-Za-z0-9_-]{1,100}$/;
const DEFAULT_METADATA_TIMEOUT_MS = 60_000;

const MIME_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  ts: 'video/mp2t',
  m2ts: 'video/mp2t',
  ogv: 'video/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
};

/** The MIME type for a file name's extension; unknown ones are opaque bytes (never sniffed). */
export function mimeTypeFor(name: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

export async function createStreamServer(opts: StreamServerOptions): Promise<StreamServer> {
  const token = randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const timeoutMs = opts.metadataTimeoutMs ?? DEFAULT_METADATA_TIMEOUT_MS;
  const allowedOrigins = new Set(opts.allowedOrigins);
  let port = 0;

  const server = createServer((req, res) => {
    // A handler bug must cost one request, never the process.
    handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still sends its own Host.
    const host = req.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return plain(res, 403);
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return plain(res, 403);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return plain(res, 405);
    }
    const artKey = parseArtPath(req.url ?? '', tokenBytes);
    if (artKey !== undefined) return serveArt(res, artKey, req.method === 'HEAD', opts.art);
    const live = parseLivePath(req.url ?? '', tokenBytes);
    if (live !== undefined) return serveLive(res, live, origin, opts.live);
    const relayed = parseRelayPath(req.url ?? '', tokenBytes);
    if (relayed !== undefined) {
      if (!opts.relay) return plain(res, 404);
      // like the live routes: the player reads these from the window's own origin, and only it
      if (origin !== undefined) res.setHeader('Access-Control-Allow-Origin', origin);
      return opts.relay.serve(relayed.sessionId, relayed.itemId, req, res);
    }
    const route = parsePath(req.url ?? '', tokenBytes);
    if (route === undefined) return plain(res, 404);
    const { sessionId } = route;
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    if (route.kind !== 'stream') {
      if (!opts.media || req.method !== 'GET') return plain(res, 404);
      // the window reads these with fetch(), from its own origin: answer it, and only it
      if (origin !== undefined) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Vary', 'Origin');
      }
      if (route.kind === 'feed') return opts.media.feed(sessionId, query, res);
      return opts.media.subtitles(sessionId, route.rest ?? '', query, res);
    }

    const target = await waitForTarget(opts.resolve(sessionId), timeoutMs);
    if (res.destroyed || req.destroyed) return;
    if (target === 'timeout') {
      res.setHeader('Retry-After', '5');
      return plain(res, 503);
    }
    if (target === undefined) return plain(res, 404);
    // passive readers (a subtitle extractor) must not move the read-ahead window
    const passive = query.get('passive') === '1';
    serveTarget(req, res, target, (start) => {
      if (!passive) opts.onRangeRequest?.(sessionId, start);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    token,
    urlFor: (sessionId, fileName) =>
      `${origin}/${token}/stream/${encodeURIComponent(sessionId)}/${encodeURIComponent(fileName || 'video')}`,
    feedUrlFor: (sessionId) => `${origin}/${token}/feed/${encodeURIComponent(sessionId)}`,
    subtitleUrlFor: (sessionId, trackId) =>
      `${origin}/${token}/subs/${encodeURIComponent(sessionId)}/${encodeURIComponent(trackId)}`,
    allowOrigin: (allowed) => void allowedOrigins.add(allowed),
    artUrlFor: (key) => `${origin}/${token}/art/${encodeURIComponent(key)}`,
    liveUrlFor: (sessionId) =>
      `${origin}/${token}/live/${encodeURIComponent(sessionId)}/index.m3u8`,
    relayUrlFor: (sessionId, itemId, kind) =>
      `${origin}/${token}/relay/${encodeURIComponent(sessionId)}/${encodeURIComponent(itemId)}.${kind === 'playlist' ? 'm3u8' : 'media'}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // open keep-alive and streaming connections would hold close() forever
        server.closeAllConnections();
      }),
  };
}

interface Route {
  kind: 'stream' | 'feed' | 'subs';
  sessionId: string;
  /** subs: the track id */
  rest?: string;
}

const TRACK_ID = /^[ef]\d{1,7}$/;

/**
 * `/<token>/stream/<sessionId>[/<name>]`, `/<token>/feed/<sessionId>`,
 * `/<token>/subs/<sessionId>/<track>` -> the route; anything else (traversal included) -> undefined.
 */
function parsePath(rawUrl: string, tokenBytes: Buffer): Route | undefined {
  const path = rawUrl.split('?', 1)[0] ?? '';
  const parts = path.split('/');
  if (parts.length < 4 || parts.length > 5 || parts[0] !== '') return undefined;
  const given = Buffer.from(parts[1] ?? '');
  // constant time, so the token cannot be guessed byte by byte from response timing
  if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) return undefined;
  const kind = parts[2];
  const sessionId = parts[3] ?? '';
  if (!SESSION_ID.test(sessionId)) return undefined;
  // the trailing name is only there for the extension; it is never looked up
  if (kind === 'stream') return { kind, sessionId };
  if (kind === 'feed' && parts.length === 4) return { kind, sessionId };
  if (kind === 'subs' && TRACK_ID.test(parts[4] ?? '')) return { kind, sessionId, rest: parts[4] };
  return undefined;
}

async function waitForTarget(
  pending: Promise<StreamTarget | undefined>,
  timeoutMs: number,
): Promise<StreamTarget | undefined | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([pending.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function serveTarget(
  req: IncomingMessage,
  res: ServerResponse,
  target: StreamTarget,
  onStart: (start: number) => void,
): void {
  const { length } = target;
  baseHeaders(res, mimeTypeFor(target.name));
  res.setHeader('Accept-Ranges', 'bytes');

  let start = 0;
  let end = length - 1;
  const header = req.headers.range;
  if (header !== undefined && length > 0) {
    const ranges = rangeParser(length, header, { combine: true });
    if (ranges === -1) {
      res.setHeader('Content-Range', `bytes */${length}`);
      res.statusCode = 416;
      res.end();
      return;
    }
    // -2 (malformed) is ignored as the HTTP spec allows: the full body follows.
    // Several ranges: only the first is served, as one part; players never ask for more.
    if (ranges !== -2 && ranges.type === 'bytes' && ranges[0]) {
      start = ranges[0].start;
      end = ranges[0].end;
      res.statusCode = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${length}`);
    }
  }
  res.statusCode = res.statusCode === 206 ? 206 : 200;
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }

  onStart(start);
  const source = target.createReadStream({ start, end });
  // The viewer seeked or closed: dropping the stream releases its piece selection.
  res.once('close', () => {
    if (!res.writableFinished) destroyStream(source);
  });
  // A source that fails, stops short or is closed early (torrent stopped, disk fault) must cut
  // the connection: a body shorter than its Content-Length would keep the player waiting forever.
  source.once('error', () => res.destroy());
  source.once('close', () => {
    if (!res.writableEnded) res.destroy();
  });
  sendExactly(source, res, end - start + 1);
}

/** Pipes `count` bytes and no more (extra bytes would corrupt the next response on the connection). */
function sendExactly(source: NodeJS.ReadableStream, res: ServerResponse, count: number): void {
  let left = count;
  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const part = bytes.length > left ? bytes.subarray(0, left) : bytes;
    left -= part.length;
    const more = res.write(part);
    if (left === 0) {
      source.off('data', onData);
      res.end();
      destroyStream(source);
    } else if (!more) {
      source.pause();
      res.once('drain', () => source.resume());
    }
  };
  source.on('data', onData);
  source.once('end', () => {
    if (left > 0) res.destroy();
  });
}

function destroyStream(stream: NodeJS.ReadableStream): void {
  const destroyable = stream as NodeJS.ReadableStream & { destroy?: () => void };
  destroyable.destroy?.();
}

/** `/<token>/live/<sessionId>/index.m3u8` or `/<token>/live/<sessionId>/segment/<id>.ts`. */
function parseLivePath(
  rawUrl: string,
  tokenBytes: Buffer,
): { sessionId: string; segmentId?: number } | undefined {
  const path = rawUrl.split('?', 1)[0] ?? '';
  const m =
    /^\/([^/]+)\/live\/([A-Za-z0-9_-]{1,100})\/(?:index\.m3u8|segment\/(\d{1,16})\.ts)$/.exec(path);
  if (!m) return undefined;
  const given = Buffer.from(m[1] ?? '');
  if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) return undefined;
  return { sessionId: m[2] ?? '', segmentId: m[3] === undefined ? undefined : Number(m[3]) };
}

/** `/<token>/relay/<sessionId>/<itemId>.(m3u8|media)`: ids only, never an address. */
function parseRelayPath(
  rawUrl: string,
  tokenBytes: Buffer,
): { sessionId: string; itemId: string } | undefined {
  const path = rawUrl.split('?', 1)[0] ?? '';
  const m =
    /^\/([^/]+)\/relay\/([A-Za-z0-9_-]{1,100})\/([A-Za-z0-9_-]{1,64})\.(?:m3u8|media)$/.exec(path);
  if (!m) return undefined;
  const given = Buffer.from(m[1] ?? '');
  if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) return undefined;
  return { sessionId: m[2] ?? '', itemId: m[3] ?? '' };
}

function serveLive(
  res: ServerResponse,
  at: { sessionId: string; segmentId?: number },
  origin: string | undefined,
  live: LiveSource | undefined,
): void {
  // the player reads these with XHR from the window's own origin (already checked against the
  // allowed list above), so that origin, and only it, is told it may read the answer
  if (origin !== undefined) res.setHeader('Access-Control-Allow-Origin', origin);
  if (at.segmentId === undefined) {
    const text = live?.playlist(at.sessionId);
    if (text === undefined) return plain(res, 404);
    baseHeaders(res, 'application/vnd.apple.mpegurl');
    res.end(text);
    return;
  }
  const data = live?.segment(at.sessionId, at.segmentId);
  if (data === undefined) return plain(res, 404);
  baseHeaders(res, 'video/mp2t');
  res.setHeader('Content-Length', String(data.byteLength));
  res.end(data);
}

function baseHeaders(res: ServerResponse, contentType: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
}

function plain(res: ServerResponse, status: number): void {
  // No details: a caller without the token learns nothing about sessions.
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`${status}\n`);
}
