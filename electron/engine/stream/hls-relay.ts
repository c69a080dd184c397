// Direct channels played through the engine: a session per channel being watched, holding the
// only upstream addresses it may fetch (the channel's playlist and what its playlists name), each
// behind an opaque id. Never an open proxy: no address is ever taken from a request.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveSession, LiveStatus } from '../../../shared/domain.js';
import { FetchRefused, guardedGet, readBody, type GuardedGetOptions } from './guarded-get.js';
import { PlaylistError, rewritePlaylist, type RelayKind } from './hls-rewrite.js';

export interface HlsRelayOptions {
  allowPrivate: () => boolean;
  /** the loopback URL of one relayed item */
  relayUrlFor: (sessionId: string, itemId: string, kind: RelayKind) => string;
  emit: (status: LiveStatus) => void;
  log: (message: string) => void;
  /** tests answer names the closed network cannot resolve */
  resolve?: GuardedGetOptions['resolve'];
}

const MAX_PLAYLIST_BYTES = 2 * 1024 * 1024;
const MAX_MEDIA_BYTES = 64 * 1024 * 1024;
const PLAYLIST_TIMEOUT_MS = 15_000;
const MEDIA_TIMEOUT_MS = 120_000;
/** addresses a session remembers; the oldest go first (a live playlist slides forward) */
const MAX_ITEMS = 4096;
const MAX_UPSTREAM = 12;
const MAX_SESSIONS = 16;
const MEDIA_TYPES = new Set([
  'video/mp2t',
  'video/mp4',
  'video/iso.segment',
  'audio/mp4',
  'audio/aac',
  'audio/mpeg',
  'audio/mp2t',
  'application/octet-stream',
  'text/vtt',
]);

interface Item {
  url: string;
  kind: RelayKind;
}

interface Session {
  name: string;
  items: Map<string, Item>;
  /** kind + url -> item id, so an address keeps its id from one playlist refresh to the next */
  ids: Map<string, string>;
  rootId: string;
  owner?: string;
  lastStatus?: string;
}

export class HlsRelay {
  private readonly sessions = new Map<string, Session>();
  private upstream = 0;

  constructor(private readonly opts: HlsRelayOptions) {}

  open(channel: { name: string; url: string }, owner?: string): LiveSession {
    // a window has one player: a new channel replaces the one it was watching
    if (owner !== undefined) this.stopOwner(owner);
    // a window that never said stop must not make sessions pile up
    while (this.sessions.size >= MAX_SESSIONS) {
      this.sessions.delete(this.sessions.keys().next().value as string);
    }
    const sessionId = `d${randomBytes(12).toString('base64url')}`;
    const session: Session = {
      name: channel.name,
      items: new Map(),
      ids: new Map(),
      rootId: '',
      ...(owner !== undefined ? { owner } : {}),
    };
    this.sessions.set(sessionId, session);
    session.rootId = this.idFor(session, channel.url, 'playlist');
    this.report(sessionId, session, { state: 'connecting' });
    return {
      sessionId,
      name: channel.name,
      playlistUrl: this.opts.relayUrlFor(sessionId, session.rootId, 'playlist'),
    };
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  stop(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  stopOwner(owner: string): void {
    for (const [id, session] of this.sessions) if (session.owner === owner) this.stop(id);
  }

  close(): void {
    this.sessions.clear();
  }

  /** Answers one relay request; unknown sessions and ids get 404, never a fetch. */
  async serve(
    sessionId: string,
    itemId: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const session = this.sessions.get(sessionId);
    const item = session?.items.get(itemId);
    if (!session || !item) return status(res, 404);
    if (this.upstream >= MAX_UPSTREAM) {
      res.setHeader('Retry-After', '1');
      return status(res, 503);
    }
    this.upstream++;
    try {
      if (item.kind === 'playlist') await this.servePlaylist(sessionId, session, item, res);
      else await this.serveMedia(item, req, res);
    } finally {
      this.upstream--;
    }
  }

  private async servePlaylist(
    sessionId: string,
    session: Session,
    item: Item,
    res: ServerResponse,
  ): Promise<void> {
    let text: string;
    try {
      const got = await guardedGet(item.url, this.fetchOptions(PLAYLIST_TIMEOUT_MS));
      const body = await readBody(got, MAX_PLAYLIST_BYTES);
      text = rewritePlaylist(body.toString('utf8'), got.finalUrl, (url, kind) =>
        this.opts.relayUrlFor(sessionId, this.idFor(session, url, kind), kind),
      );
    } catch (err) {
      const refused = err instanceof FetchRefused && err.reason === 'refused-address';
      const why = err instanceof Error ? err.message : 'of an unexpected problem';
      this.opts.log(`direct channel "${session.name}": playlist failed (${why})`);
      this.report(sessionId, session, {
        state: 'off-air',
        problemCode: refused ? 'refused-address' : 'unreachable',
        problem:
          err instanceof FetchRefused || err instanceof PlaylistError ? why : 'unexpected problem',
      });
      return status(res, 502);
    }
    this.report(sessionId, session, { state: 'on-air' });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/vnd.apple.mpegurl');
    noStore(res);
    res.end(text);
  }

  private async serveMedia(item: Item, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const range = req.headers.range;
    const headers =
      range !== undefined && /^bytes=\d{1,15}-\d{0,15}$/.test(range) ? { range } : undefined;
    let got;
    try {
      got = await guardedGet(item.url, {
        ...this.fetchOptions(MEDIA_TIMEOUT_MS),
        ...(headers ? { headers } : {}),
      });
    } catch {
      return status(res, 502);
    }
    const { response } = got;
    const declared = Number(response.headers['content-length'] ?? '0');
    if (declared > MAX_MEDIA_BYTES) {
      got.done();
      return status(res, 502);
    }
    const type = (response.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    res.statusCode = response.statusCode === 206 ? 206 : 200;
    res.setHeader(
      'Content-Type',
      type && MEDIA_TYPES.has(type) ? type : 'application/octet-stream',
    );
    noStore(res);
    if (declared > 0) res.setHeader('Content-Length', String(declared));
    const contentRange = response.headers['content-range'];
    if (res.statusCode === 206 && contentRange) res.setHeader('Content-Range', contentRange);
    if (req.method === 'HEAD') {
      got.done();
      res.end();
      return;
    }
    let sent = 0;
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        got.done();
        resolve();
      };
      res.once('close', () => {
        response.destroy();
        finish();
      });
      response.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (sent > MAX_MEDIA_BYTES) {
          res.destroy();
          return;
        }
        if (!res.write(chunk)) {
          response.pause();
          res.once('drain', () => response.resume());
        }
      });
      response.once('end', () => {
        res.end();
        finish();
      });
      // cut short upstream: the player must see a broken answer, not a short one
      response.once('error', () => res.destroy());
      response.once('aborted', () => res.destroy());
    });
  }

  private fetchOptions(timeoutMs: number): GuardedGetOptions {
    return {
      allowPrivate: this.opts.allowPrivate(),
      timeoutMs,
      ...(this.opts.resolve ? { resolve: this.opts.resolve } : {}),
    };
  }

  /** The opaque id standing for `url` in this session, made on first sight. */
  private idFor(session: Session, url: string, kind: RelayKind): string {
    const key = `${kind} ${url}`;
    const known = session.ids.get(key);
    if (known !== undefined) {
      // seen again: move it to the young end so it is not forgotten while still listed
      const item = session.items.get(known);
      if (item) {
        session.items.delete(known);
        session.items.set(known, item);
        return known;
      }
    }
    const id = randomBytes(12).toString('base64url');
    session.items.set(id, { url, kind });
    session.ids.set(key, id);
    while (session.items.size > MAX_ITEMS) {
      const oldest = session.items.keys().next().value as string;
      if (oldest === session.rootId) {
        // the channel's own playlist is never forgotten
        const root = session.items.get(oldest) as Item;
        session.items.delete(oldest);
        session.items.set(oldest, root);
        continue;
      }
      const gone = session.items.get(oldest);
      session.items.delete(oldest);
      if (gone) session.ids.delete(`${gone.kind} ${gone.url}`);
    }
    return id;
  }

  private report(
    sessionId: string,
    session: Session,
    change: Pick<LiveStatus, 'state' | 'problem' | 'problemCode'>,
  ): void {
    const key = `${change.state}:${change.problemCode ?? ''}`;
    if (session.lastStatus === key) return;
    session.lastStatus = key;
    this.opts.emit({
      sessionId,
      peers: 0,
      offload: 0,
      originReachable: change.state !== 'off-air',
      ...change,
    });
  }
}

function noStore(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
}

function status(res: ServerResponse, code: number): void {
  res.statusCode = code;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  noStore(res);
  res.end(`${code}\n`);
}
