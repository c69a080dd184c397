// Catalog artwork end to end on loopback: a picture server, the engine's cache on disk and the
// local server's /art route. Pictures are made by ffmpeg; hostile answers give a plain 404.
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test-support/stream-helpers.js';
import { serve, tempDir, type Cleanup } from '../../test-support/source-servers.js';
import { createStreamServer } from '../../stream/stream-server.js';
import { ArtworkCache, type ArtworkOptions } from './artwork-cache.js';
import { localViewArt } from './artwork-urls.js';

const run = promisify(execFile);
const cleanups: Cleanup[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function pngMadeByFfmpeg(dir: string): Promise<Buffer> {
  const path = join(dir, 'poster.png');
  await run('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'color=c=red:s=16x24',
    '-frames:v',
    '1',
    '-y',
    path,
  ]);
  return readFile(path);
}

async function setUp(extra: Partial<ArtworkOptions> = {}, dir?: string) {
  const dataDir = dir ?? (await tempDir(cleanups, 'essaim-art-'));
  const artwork = new ArtworkCache({
    dir: join(dataDir, 'artwork'),
    allowPrivate: () => true,
    timeoutMs: 2000,
    ...extra,
  });
  const stream = await createStreamServer({
    resolve: async () => undefined,
    allowedOrigins: [],
    art: artwork,
  });
  cleanups.push(() => stream.close());
  const urlFor = (url: string) => stream.artUrlFor(artwork.keyFor(url));
  const get = (url: string) => rawRequest(stream.origin, new URL(url).pathname);
  return { dataDir, artwork, stream, urlFor, get };
}

describe('artwork cache', () => {
  it('fetches a poster once, keeps it on disk and serves it from the local server', async () => {
    const { dataDir, urlFor, get, stream } = await setUp();
    const png = await pngMadeByFfmpeg(dataDir);
    const pictures = await serve(cleanups, (_req, res) => {
      // a server that lies about the type: the bytes decide
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(png);
    });
    const remote = `${pictures.origin}/poster.png`;
    const local = urlFor(remote);
    expect(local.startsWith(`${stream.origin}/`)).toBe(true);
    const first = await get(local);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.body.equals(png)).toBe(true);
    expect((await get(local)).status).toBe(200);
    expect(pictures.requests()).toBe(1);
    expect(await readdir(join(dataDir, 'artwork'))).toHaveLength(1);

    // after a restart the picture still shows with its server gone
    await pictures.close();
    const again = await setUp({}, dataDir);
    const fromDisk = await again.get(again.urlFor(remote));
    expect(fromDisk.status).toBe(200);
    expect(fromDisk.body.equals(png)).toBe(true);
  });

  it('answers 404 for what is not a picture, too large, unknown or on a refused address', async () => {
    const { dataDir, urlFor, get, stream } = await setUp({ maxBytes: 64 * 1024 });
    const png = await pngMadeByFfmpeg(dataDir);
    const server = await serve(cleanups, (req, res) => {
      if (req.url === '/page.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end('<html><script>alert(1)</script></html>');
      } else if (req.url === '/drawing.svg') {
        res.writeHead(200, { 'content-type': 'image/svg+xml' });
        res.end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      } else if (req.url === '/huge.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(png);
        res.end(Buffer.alloc(128 * 1024));
      } else res.writeHead(404).end();
    });
    for (const path of ['/page.png', '/drawing.svg', '/huge.png', '/missing.png']) {
      expect((await get(urlFor(`${server.origin}${path}`))).status).toBe(404);
    }
    // a key nobody was given, and a wrong token
    expect((await rawRequest(stream.origin, `/${stream.token}/art/${'0'.repeat(32)}`)).status).toBe(
      404,
    );
    const path = new URL(urlFor(`${server.origin}/x.png`)).pathname.replace(
      stream.token,
      'x'.repeat(stream.token.length),
    );
    expect((await rawRequest(stream.origin, path)).status).toBe(404);
    // a failed picture is not asked again at once
    const before = server.requests();
    await get(urlFor(`${server.origin}/missing.png`));
    expect(server.requests()).toBe(before);
  });

  it('refuses pictures on this computer unless the local network is allowed', async () => {
    const { dataDir, urlFor, get } = await setUp({ allowPrivate: () => false });
    const png = await pngMadeByFfmpeg(dataDir);
    const server = await serve(cleanups, (_req, res) => res.end(png));
    expect((await get(urlFor(`${server.origin}/p.png`))).status).toBe(404);
    expect(server.requests()).toBe(0);
  });

  it('rewrites web pictures of the shelf to local ones, keeps embedded ones and drops the rest', () => {
    const view = localViewArt(
      {
        titles: [
          {
            id: 't',
            kind: 'series',
            name: 'T',
            poster: 'https://img.example/p.jpg',
            backdrop: 'javascript:alert(1)',
            episodes: [
              { id: 'e', season: 1, episode: 1, name: 'E', thumbnail: 'http://img.example/e.jpg' },
            ],
          },
          { id: 'u', kind: 'film', name: 'U', poster: 'data:image/png;base64,AAAA' },
        ],
        channels: [{ id: 'c', name: 'C', link: 'x', logo: 'https://img.example/l.png' }],
        problems: [],
      },
      (url) => `http://127.0.0.1:1/art/${encodeURIComponent(url)}`,
    );
    expect(view.titles[0]?.poster).toBe('http://127.0.0.1:1/art/https%3A%2F%2Fimg.example%2Fp.jpg');
    expect(view.titles[0]?.backdrop).toBeUndefined();
    expect(view.titles[0]?.episodes?.[0]?.thumbnail).toMatch(/^http:\/\/127\.0\.0\.1:1\/art\//);
    expect(view.titles[1]?.poster).toBe('data:image/png;base64,AAAA');
    expect(view.channels[0]?.logo).toMatch(/^http:\/\/127\.0\.0\.1:1\/art\//);
  });
});
