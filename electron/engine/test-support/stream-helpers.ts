// Test helpers for the stream server: raw HTTP requests (so Host and paths go out unaltered) and
// an in-memory byte source. Used by tests only; never by the app.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { StreamTarget } from '../stream/stream-server.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export function rawRequest(
  origin: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: url.host, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A byte source that hands out its data in small chunks and records every stream it opens. */
export function memoryTarget(length: number, name = 'film.mp4') {
  const data = randomBytes(length);
  const opened: { start: number; end: number; destroyed: Promise<void> }[] = [];
  const target: StreamTarget = {
    length,
    name,
    createReadStream({ start, end }) {
      async function* chunks() {
        for (let at = start; at <= end; at += 64)
          yield data.subarray(at, Math.min(end + 1, at + 64));
      }
      const stream = Readable.from(chunks());
      opened.push({ start, end, destroyed: new Promise((r) => stream.once('close', () => r())) });
      return stream;
    },
  };
  return { data, target, opened };
}

/** A source that yields its first chunk and then never ends: for abort tests. */
export function stallingTarget(length: number) {
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((r) => (resolveClosed = r));
  const target: StreamTarget = {
    length,
    name: 'live.webm',
    createReadStream() {
      const stream = new Readable({ read() {} });
      stream.push(Buffer.alloc(16, 1));
      stream.once('close', () => resolveClosed());
      return stream;
    },
  };
  return { target, closed };
}
