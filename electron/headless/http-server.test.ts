// The headless HTTP server over real sockets: token on the page, Host and Origin checks, security
// headers, and static files that never leave the built window's folder.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessServer, type HeadlessServer } from './http-server.js';
import { createFakeEngine } from './test-support/fake-engine.js';
import { rawGet } from './test-support/http-client.js';

const TOKEN = 'test-token-0123456789';
let dir: string;
let server: HeadlessServer;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-headless-'));
  const root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Essaim</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("window");');
  await writeFile(join(dir, 'secret.txt'), 'SECRET');
  // A sibling whose name starts like the root: a naive prefix check would let it through.
  await mkdir(join(dir, 'renderer-other'));
  await writeFile(join(dir, 'renderer-other', 'x.txt'), 'SECRET');
  await symlink(join(dir, 'secret.txt'), join(root, 'link-out.txt'));
  server = await startHeadlessServer({
    engine: createFakeEngine('http://127.0.0.1:4567'),
    rendererDir: root,
    token: TOKEN,
  });
  port = server.port;
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the page and its token', () => {
  it('serves index.html for / with the right token, with the security headers', async () => {
    const res = await rawGet(port, `/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Essaim</title>');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('media-src http://127.0.0.1:4567');
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // 'wasm-unsafe-eval' (WebAssembly only) is allowed; JavaScript eval never is
    expect(csp).not.toContain("'unsafe-eval'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('prints a URL that carries the token and works as is', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
    const res = await rawGet(port, new URL(server.url).pathname + new URL(server.url).search);
    expect(res.status).toBe(200);
  });

  it.each([
    ['no token', '/'],
    ['a wrong token', '/?token=wrong'],
    ['a token one character short', `/?token=${TOKEN.slice(0, -1)}`],
    ['the page by name without token', '/index.html'],
  ])('refuses the page with %s, in a plain sentence', async (_label, path) => {
    const res = await rawGet(port, path);
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/access token is missing or wrong/);
    expect(res.body).not.toContain('<title>');
  });

  it('serves the built scripts the page loads', async () => {
    const res = await rawGet(port, '/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.body).toContain('window');
  });

  it('answers HEAD without a body and refuses writing methods', async () => {
    const head = await rawGet(port, '/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await rawGet(port, '/assets/app.js', { method });
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET, HEAD');
    }
  });
});

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  it('accepts 127.0.0.1 and localhost on our port', async () => {
    expect((await rawGet(port, `/?token=${TOKEN}`, { host: `localhost:${port}` })).status).toBe(
      200,
    );
  });

  it.each([
    'evil.example:80',
    `evil.example:${port}`,
    '127.0.0.1',
    `127.0.0.1:${port + 1}`,
    `127.0.0.1.evil.example:${port}`,
  ])('refuses Host %s even with the token', async (host) => {
    const res = await rawGet(port, `/?token=${TOKEN}`, { host });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/not allowed/);
  });

  it('refuses a foreign Origin and accepts our own', async () => {
    const foreign = await rawGet(port, '/assets/app.js', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await rawGet(port, '/assets/app.js', { origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
  });
});

describe('static files stay inside the built window', () => {
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%2frenderer-other/x.txt',
    '/..%2frenderer-other%2fx.txt',
    '//../secret.txt',
    '/link-out.txt',
    '/secret.txt%00.js',
    '/%E0%A4%A',
    '/assets',
    '/assets/',
  ])('does not serve %s', async (path) => {
    const res = await rawGet(port, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('SECRET');
  });
});

describe('listening', () => {
  it('fails clearly when the asked port is taken, leaving nothing subscribed', async () => {
    const engine = createFakeEngine();
    await expect(
      startHeadlessServer({ engine, rendererDir: join(dir, 'renderer'), token: TOKEN, port }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(engine.listenerCount()).toBe(0);
  });
});
