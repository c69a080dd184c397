// The WebSocket side of headless mode: carries the shared contract between browser windows and the
// engine. Wire format, JSON text frames:
//   window -> engine  {type:'invoke', id, name, input}
//   engine -> window  {type:'result', id, result}   result = Result envelope, never a thrown error
//                     {type:'event', name, payload}
// Authentication happens before the upgrade (http-server.ts). Never lets one bad message end a client.
// Each page is an owner of its playback sessions: when its connection goes and does not come back,
// the engine ends them. The page names itself with ?window=<id>, so a reconnect keeps them.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { eventNames, type CommandHandlers, type EventName } from '../../shared/api.js';
import { fail } from '../../shared/errors.js';
import type { Engine } from '../engine/engine-api.js';
import { dispatchCommand } from '../host/command-dispatch.js';

/** Enough for the largest contract payload (a .torrent file as base64, capped at 8 MiB). */
const MAX_MESSAGE_BYTES = 12 * 1024 * 1024;
/** Stats are a stream of snapshots: a client this far behind misses some rather than piling up. */
const STATS_BACKLOG_LIMIT = 1024 * 1024;
const MAX_ID_LENGTH = 100;
/** A page that reconnects within this time keeps its playback (its bridge retries after ~0.5 s). */
const RECONNECT_GRACE_MS = 5_000;
/** A connection that misses a ping for this long is dead (a sleeping machine, a dropped network). */
const HEARTBEAT_MS = 15_000;
const WINDOW_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface BridgeOptions {
  reconnectGraceMs?: number;
  heartbeatMs?: number;
}

type RequestId = string | number;

export interface BridgeServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  clientCount(): number;
  close(): Promise<void>;
}

interface Client {
  socket: WebSocket;
  owner: string;
  handlers: CommandHandlers;
  /** Answered the last ping (or has not been pinged yet). */
  alive: boolean;
  /** Has invoked at least once, so its listeners are in place for events held back for it. */
  ready: boolean;
}

export function createBridgeServer(
  engine: Pick<Engine, 'handlersFor' | 'endOwner' | 'on'>,
  log: (message: string) => void = () => {},
  options: BridgeOptions = {},
): BridgeServer {
  const graceMs = options.reconnectGraceMs ?? RECONNECT_GRACE_MS;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  const clients = new Set<Client>();
  // Something opened from the command line before any window was there: the first window to
  // come up should still receive it, or the user's magnet would silently do nothing.
  let heldOpenItems: Array<{ name: 'open-item' | 'open-channel'; payload: unknown }> = [];

  const send = (client: Client, text: string): void => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(text);
  };

  const broadcast = (name: EventName, payload: unknown): void => {
    if (
      (name === 'open-item' || name === 'open-channel') &&
      ![...clients].some((c) => c.ready && c.socket.readyState === c.socket.OPEN)
    ) {
      heldOpenItems.push({ name, payload });
      return;
    }
    const text = JSON.stringify({ type: 'event', name, payload });
    for (const client of clients) {
      if (name === 'stats' && client.socket.bufferedAmount > STATS_BACKLOG_LIMIT) continue;
      send(client, text);
    }
  };

  const unsubscribers = eventNames.map((name) =>
    engine.on(name, (payload: unknown) => broadcast(name, payload)),
  );

  const markReady = (client: Client): void => {
    if (client.ready) return;
    client.ready = true;
    const held = heldOpenItems;
    heldOpenItems = [];
    for (const { name, payload } of held)
      send(client, JSON.stringify({ type: 'event', name, payload }));
  };

  const onMessage = async (client: Client, data: RawData, isBinary: boolean): Promise<void> => {
    const message = isBinary ? undefined : parseJson(rawToString(data));
    const id = requestIdOf(message);
    if (id === undefined) {
      // Nothing to answer to: a reply without an id would only confuse the window.
      log('A window sent a message the bridge does not understand; it was ignored.');
      return;
    }
    const result =
      isRecord(message) && message['type'] === 'invoke'
        ? await dispatchCommand(client.handlers, message['name'], message['input'])
        : fail('invalid-input', 'The window sent a message the player does not understand.');
    send(client, JSON.stringify({ type: 'result', id, result }));
    markReady(client);
  };

  /** Connections open per owner, and the owners waiting out their grace before they end. */
  const connections = new Map<string, number>();
  const ending = new Map<string, ReturnType<typeof setTimeout>>();

  const arrive = (owner: string): void => {
    clearTimeout(ending.get(owner));
    ending.delete(owner);
    connections.set(owner, (connections.get(owner) ?? 0) + 1);
  };

  const leave = (owner: string): void => {
    const left = (connections.get(owner) ?? 1) - 1;
    if (left > 0) return void connections.set(owner, left);
    connections.delete(owner);
    const timer = setTimeout(() => {
      ending.delete(owner);
      engine
        .endOwner(owner)
        .catch((err: unknown) => log(`Could not stop a closed window's playback: ${String(err)}`));
    }, graceMs);
    timer.unref();
    ending.set(owner, timer);
  };

  // ws answers pings by itself, and so does every browser: silence means the peer is gone.
  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const owner = `ws:${windowIdOf(req) ?? randomBytes(12).toString('base64url')}`;
    const client: Client = {
      socket,
      owner,
      handlers: engine.handlersFor(owner),
      alive: true,
      ready: false,
    };
    clients.add(client);
    arrive(owner);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (data, isBinary) => {
      onMessage(client, data, isBinary).catch((err: unknown) =>
        log(`Bridge message failed: ${String(err)}`),
      );
    });
    // An oversized frame or a protocol error closes that client only, never the server.
    socket.on('error', (err) => log(`A window connection failed: ${err.message}`));
    socket.on('close', () => {
      clients.delete(client);
      leave(owner);
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    clientCount: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const timer of ending.values()) clearTimeout(timer);
        ending.clear();
        for (const unsubscribe of unsubscribers) unsubscribe();
        for (const client of clients) client.socket.terminate();
        clients.clear();
        wss.close(() => resolve());
      }),
  };
}

/** The id the page gave itself in ?window=, kept across its reconnects; junk is ignored. */
function windowIdOf(req: IncomingMessage): string | undefined {
  const query = (req.url ?? '').split('?')[1] ?? '';
  const id = new URLSearchParams(query).get('window');
  return id !== null && WINDOW_ID.test(id) ? id : undefined;
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIdOf(message: unknown): RequestId | undefined {
  if (!isRecord(message)) return undefined;
  const id = message['id'];
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH) return id;
  return undefined;
}
