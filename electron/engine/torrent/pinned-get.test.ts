// A .torrent link is fetched from the address that was checked, on a real local HTTP server: a name
// that resolves differently the second time (DNS rebinding) never gets a second say.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTorrent } from './source-reader.js';

let server: Server;
let port: number;
const hits: string[] = [];
const BODY = Buffer.from('d4:infod4:name4:testee');

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.headers.host ?? ''} ${req.url ?? ''}`);
    if (req.url === '/moved.torrent') {
      res.writeHead(302, { location: `http://films.example:${port}/film.torrent` }).end();
      return;
    }
    res.setHeader('content-type', 'application/x-bittorrent');
    res.end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Answers in turn: a rebinding name says one thing to the check and another to the connection. */
function rebinding(...answers: string[]) {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const address = answers[Math.min(asked.length - 1, answers.length - 1)] ?? '';
    return [{ address }];
  };
  return { resolve, asked };
}

describe('fetchTorrent', () => {
  it('connects to the address it checked, not to what a second lookup would say', async () => {
    hits.length = 0;
    // the server is at 127.0.0.1; nothing listens at 127.0.0.2
    const dns = rebinding('127.0.0.1', '127.0.0.2');
    const bytes = await fetchTorrent(
      `http://films.example:${port}/film.torrent`,
      true,
      5_000,
      dns.resolve,
    );
    expect(Buffer.from(bytes).equals(BODY)).toBe(true);
    expect(dns.asked).toEqual(['films.example']);
    // the name is still what the server sees
    expect(hits).toEqual([`films.example:${port} /film.torrent`]);
  });

  it('never reaches a private address through a name that checked out public', async () => {
    hits.length = 0;
    // 192.0.2.x is documentation space: public by the rules, unreachable here
    const dns = rebinding('192.0.2.10', '127.0.0.1');
    await expect(
      fetchTorrent(`http://films.example:${port}/film.torrent`, false, 1_500, dns.resolve),
    ).rejects.toMatchObject({ code: 'network' });
    expect(dns.asked).toEqual(['films.example']);
    expect(hits).toEqual([]);
  });

  it('refuses a name with any private address, and checks every redirect again', async () => {
    hits.length = 0;
    const mixed = rebinding('127.0.0.1');
    await expect(
      fetchTorrent(`http://films.example:${port}/film.torrent`, false, 5_000, mixed.resolve),
    ).rejects.toThrow(/private network address/);
    expect(hits).toEqual([]);

    // allowed here so the first hop reaches the local server; its redirect is resolved afresh
    const dns = rebinding('127.0.0.1', '127.0.0.1');
    await fetchTorrent(`http://films.example:${port}/moved.torrent`, true, 5_000, dns.resolve);
    expect(dns.asked).toEqual(['films.example', 'films.example']);
    expect(hits).toEqual([
      `films.example:${port} /moved.torrent`,
      `films.example:${port} /film.torrent`,
    ]);
  });
});
