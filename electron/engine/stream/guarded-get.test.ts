// The guarded GET against a real loopback server: redirects checked hop by hop, bodies capped
// whatever they declare, a deadline, and names that resolve to private addresses refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedText } from './guarded-get.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    if (path === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else if (path === '/hop') {
      res.writeHead(301, { location: '/ok' });
      res.end();
    } else if (path === '/ok') {
      res.end('#EXTM3U\n');
    } else if (path === '/huge') {
      // no declared length: the cap must hold while reading
      res.write(Buffer.alloc(600_000, 0x41));
      res.end(Buffer.alloc(600_000, 0x41));
    } else if (path === '/declared') {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x');
    } else if (path === '/slow') {
      res.write('#EXTM3U\n'); // and never ends
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const opts = { allowPrivate: true, timeoutMs: 2000, maxBytes: 1024 * 1024 };

describe('guarded GET', () => {
  it('follows a redirect and says where the answer came from', async () => {
    const got = await guardedText(`${base}/hop`, opts);
    expect(got.text).toBe('#EXTM3U\n');
    expect(got.finalUrl.pathname).toBe('/ok');
  });

  it('refuses redirect loops, non-http redirects, errors, oversized and endless bodies', async () => {
    await expect(guardedText(`${base}/loop`, opts)).rejects.toThrow(/too many redirects/);
    await expect(guardedText(`${base}/to-file`, opts)).rejects.toThrow(/not an http/);
    await expect(guardedText(`${base}/missing`, opts)).rejects.toThrow(/error 404/);
    await expect(guardedText(`${base}/huge`, opts)).rejects.toMatchObject({ reason: 'too-large' });
    await expect(guardedText(`${base}/declared`, opts)).rejects.toMatchObject({
      reason: 'too-large',
    });
    await expect(guardedText(`${base}/slow`, { ...opts, timeoutMs: 500 })).rejects.toMatchObject({
      reason: 'unreachable',
    });
  });

  it('refuses this computer and names resolving to the local network unless allowed', async () => {
    const refused = { ...opts, allowPrivate: false };
    await expect(guardedText(`${base}/ok`, refused)).rejects.toMatchObject({
      reason: 'refused-address',
    });
    // a public-looking name that resolves to a private address (DNS rebinding)
    const resolve = async () => [{ address: '10.1.2.3' }];
    await expect(
      guardedText('http://channels.example.com/list.m3u8', { ...refused, resolve }),
    ).rejects.toMatchObject({ reason: 'refused-address' });
  });
});
