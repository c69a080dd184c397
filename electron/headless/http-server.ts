// The headless HTTP server on 127.0.0.1: serves the built window (token-gated page) and upgrades
// /bridge to the contract WebSocket. Read-only; never listens beyond loopback, never lists folders.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Engine } from '../engine/engine-api.js';
import { createBridgeServer, type BridgeOptions } from './bridge-server.js';
import { contentSecurityPolicy } from '../host/content-security-policy.js';
import {
  allowedHosts,
  baseSecurityHeaders,
  isAcceptableOrigin,
  isAllowedHost,
  isSameOrigin,
  tokenMatches,
} from './http-guards.js';
import { findStaticFile } from '../host/static-files.js';

export const BRIDGE_PATH = '/bridge';
const LISTEN_ADDRESS = '127.0.0.1';

export interface HeadlessServerOptions {
  engine: Pick<Engine, 'handlersFor' | 'endOwner' | 'on' | 'streamOrigin'> &
    Partial<Pick<Engine, 'allowStreamOrigin'>>;
  /** The built window (dist/renderer). */
  rendererDir: string;
  token: string;
  /** 0 or undefined: a free port chosen by the system. */
  port?: number;
  log?: (message: string) => void;
  /** How long a page may be away before its playback ends, and how often it is pinged. */
  bridge?: BridgeOptions;
}

export interface HeadlessServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  /** How many windows have the bridge open right now. */
  connectedWindows(): number;
  close(): Promise<void>;
}

const MESSAGES = {
  host: 'This address is not allowed: open Essaim through the link it printed when it started.',
  origin: 'Requests from other websites are not allowed.',
  token:
    'This page needs the link Essaim printed when it started (the access token is missing or wrong).',
  method: 'Only reading is allowed here.',
  missing: 'Nothing here. If the window is missing, build it first with "npm run build".',
};

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { engine, rendererDir, token, log = () => {} } = options;
  const bridge = createBridgeServer(engine, log, options.bridge);
  let port = 0;
  let headers: Record<string, string> = {};

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((err: unknown) => {
      log(`A page request failed: ${String(err)}`);
      if (!res.headersSent) refuse(res, 500, 'Something went wrong while sending this file.');
      else res.destroy();
    });
  });

  const refuse = (
    res: ServerResponse,
    status: number,
    sentence: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...headers,
      ...extra,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`${sentence}\n`);
  };

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Host first: a DNS-rebinding page reaches us under its own name and must learn nothing.
    if (!isAllowedHost(req.headers.host, port)) return refuse(res, 403, MESSAGES.host);
    if (!isAcceptableOrigin(req.headers.origin, req.headers.host, port))
      return refuse(res, 403, MESSAGES.origin);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 405, MESSAGES.method, { Allow: 'GET, HEAD' });
    const { pathname, query } = splitTarget(req.url);
    const file = await findStaticFile(rendererDir, pathname);
    if (file === null) return refuse(res, 404, MESSAGES.missing);
    const isPage = file.contentType.startsWith('text/html');
    // The page is what opens the bridge, so it is the part that needs the token; the scripts and
    // styles it loads are the public build and carry no secret.
    if (isPage && !tokenMatches(query.get('token'), token)) return refuse(res, 403, MESSAGES.token);
    res.writeHead(200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Cache-Control': isPage ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file.path);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, port, token);
    if (refusal === null) return bridge.handleUpgrade(req, socket, head);
    const [status, sentence] = refusal;
    socket.on('error', () => {});
    socket.end(
      `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(sentence)}\r\n\r\n${sentence}`,
    );
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, LISTEN_ADDRESS, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // e.g. the --port asked for is taken: leave nothing subscribed to the engine behind
    await bridge.close();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  // the window's live player reads its playlist from the stream server with XHR
  for (const host of allowedHosts(port)) engine.allowStreamOrigin?.(`http://${host}`);
  headers = baseSecurityHeaders(
    contentSecurityPolicy({
      streamOrigin: engine.streamOrigin,
      connectSources: allowedHosts(port).map((host) => `ws://${host}`),
    }),
  );

  return {
    url: `http://${LISTEN_ADDRESS}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    connectedWindows: () => bridge.clientCount(),
    close: async () => {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why a WebSocket handshake is refused, or null when it may become a bridge connection. */
function checkUpgrade(
  req: IncomingMessage,
  port: number,
  token: string,
): readonly [number, string] | null {
  const { pathname, query } = splitTarget(req.url);
  if (pathname !== BRIDGE_PATH) return [404, MESSAGES.missing];
  if (!isAllowedHost(req.headers.host, port)) return [403, MESSAGES.host];
  // Browsers always send Origin on a WebSocket handshake; only our own page may connect.
  if (!isSameOrigin(req.headers.origin, req.headers.host, port)) return [403, MESSAGES.origin];
  if (!tokenMatches(query.get('token'), token)) return [403, MESSAGES.token];
  return null;
}

/** Splits a request target without resolving it against any host (a `//other` target stays a path). */
function splitTarget(target: string | undefined): { pathname: string; query: URLSearchParams } {
  const raw = target ?? '/';
  const at = raw.indexOf('?');
  return at === -1
    ? { pathname: raw, query: new URLSearchParams() }
    : { pathname: raw.slice(0, at), query: new URLSearchParams(raw.slice(at + 1)) };
}
