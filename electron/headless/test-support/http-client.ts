// Raw HTTP and WebSocket helpers for the headless server tests: they send exactly the path and
// headers given (no normalising), the way an attacker's client would.
import { request } from 'node:http';
import WebSocket from 'ws';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function rawGet(
  port: number,
  path: string,
  options: { method?: string; host?: string; origin?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { Host: options.host ?? `127.0.0.1:${port}` };
  if (options.origin !== undefined) headers['Origin'] = options.origin;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface OpenedSocket {
  socket: WebSocket;
  /** Every parsed message received so far, in order. */
  messages: unknown[];
  next(predicate: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Connects, or rejects with the HTTP status of the refused handshake. */
export function openSocket(
  url: string,
  options: { origin?: string; host?: string; autoPong?: boolean } = {},
): Promise<OpenedSocket> {
  const headers: Record<string, string> = {};
  if (options.host !== undefined) headers['Host'] = options.host;
  const socket = new WebSocket(url, {
    headers,
    ...(options.origin !== undefined ? { origin: options.origin } : {}),
    // false: a peer that went silent (a sleeping machine) without closing anything
    ...(options.autoPong !== undefined ? { autoPong: options.autoPong } : {}),
  });
  const messages: unknown[] = [];
  const waiters: Array<{
    predicate: (m: Record<string, unknown>) => boolean;
    resolve: (m: Record<string, unknown>) => void;
  }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const next = (predicate: (m: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const seen = messages.find((m) => predicate(m as Record<string, unknown>));
      if (seen !== undefined) return resolve(seen as Record<string, unknown>);
      waiters.push({ predicate, resolve });
      socket.once('close', () => reject(new Error('socket closed before the expected message')));
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, next }));
    socket.once('unexpected-response', (_req, res) => {
      reject(new Error(`refused with HTTP ${res.statusCode}`));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}
