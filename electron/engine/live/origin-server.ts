// The broadcaster's HTTP origin: the signed manifest, the segments it holds (with Range), and a
// tracker for the channel swarm at /announce. Everything it sends is capped by one byte budget,
// because an uncapped origin is simply drained by every viewer. It serves nothing else.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as TrackerServer } from 'bittorrent-tracker';
import rangeParser from 'range-parser';
import { RateLimiter } from './rate-limiter.js';

export interface OriginContent {
  manifest(): Uint8Array | undefined;
  segment(id: number): Uint8Array | undefined;
}

export interface OriginServer {
  url: string;
  /** bytes of segments and manifests sent */
  sent: { segments: number; manifests: number };
  /** requests answered by the tracker, for the note on announces per viewer */
  announces: number;
  limiter: RateLimiter;
  close(): Promise<void>;
}

const SEGMENT_PATH = /^\/segments\/(\d{1,16})\.ts$/;

export async function startOrigin(opts: {
  content: OriginContent;
  swarmInfoHash: string;
  host: string;
  port: number;
  rate: number;
  log: (message: string) => void;
}): Promise<OriginServer> {
  const limiter = new RateLimiter(opts.rate);
  const sent = { segments: 0, manifests: 0 };
  const tracker = new TrackerServer({
    http: false,
    udp: false,
    ws: false,
    stats: false,
    // viewers announce once a minute: membership changes slowly, segments never announce
    interval: 60_000,
    filter: (infoHash: string, _params: unknown, cb: (err: Error | null) => void) =>
      cb(
        infoHash === opts.swarmInfoHash ? null : new Error('This tracker serves one channel only.'),
      ),
  });
  tracker.on('warning', () => {});
  tracker.on('error', (err: unknown) => opts.log(`tracker: ${String(err)}`));
  const origin: OriginServer = { url: '', sent, announces: 0, limiter, close: async () => {} };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    if (path === '/announce' || path === '/scrape') {
      if (path === '/announce') origin.announces++;
      tracker.onHttpRequest(req, res, { action: path.slice(1) });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // anyone may read a public channel; browsers may fetch it too
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (path === '/manifest.json') {
      const body = opts.content.manifest();
      if (!body) return void res.writeHead(503, { 'Retry-After': '1' }).end();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.byteLength });
      sent.manifests += body.byteLength;
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    const match = SEGMENT_PATH.exec(path);
    const data = match ? opts.content.segment(Number(match[1])) : undefined;
    if (!data) return void res.writeHead(404).end();
    let start = 0;
    let end = data.byteLength - 1;
    let status = 200;
    if (req.headers.range) {
      const ranges = rangeParser(data.byteLength, req.headers.range);
      if (ranges === -1)
        return void res.writeHead(416, { 'Content-Range': `bytes */${data.byteLength}` }).end();
      if (ranges !== -2 && ranges[0]) {
        start = ranges[0].start;
        end = ranges[0].end;
        status = 206;
        res.setHeader('Content-Range', `bytes ${start}-${end}/${data.byteLength}`);
      }
    }
    res.writeHead(status, {
      'Content-Type': 'video/mp2t',
      'Content-Length': end - start + 1,
      'Accept-Ranges': 'bytes',
    });
    if (req.method === 'HEAD') return void res.end();
    // one answer at a time, each whole: ten viewers asking at once get their segment one after
    // the other (the first within a moment) instead of all of them late together
    // a viewer tuning in waits for its first picture: it goes before the others in line
    const urgent = /[?&]tune-in=1(&|$)/.test(req.url ?? '');
    const granted = await limiter.take(
      end - start + 1,
      () => res.destroyed || req.destroyed,
      urgent,
    );
    if (!granted || res.destroyed) return;
    sent.segments += end - start + 1;
    res.end(data.subarray(start, end + 1));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  origin.close = () =>
    new Promise<void>((resolve) => {
      tracker.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return origin;
}
