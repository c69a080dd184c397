// Attacks on the stream server over raw HTTP: wrong token, DNS rebinding, foreign origins,
// path traversal and methods other than GET/HEAD. Each must be refused without serving a byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamServer, type StreamServer } from './stream-server.js';
import { memoryTarget, rawRequest } from '../test-support/stream-helpers.js';

const APP_ORIGIN = 'http://127.0.0.1:5123';
let server: StreamServer;
let resolved: string[];
const { target, data } = memoryTarget(400);

beforeAll(async () => {
  resolved = [];
  server = await createStreamServer({
    resolve: async (id) => {
      resolved.push(id);
      return id === 'good' ? target : undefined;
    },
    allowedOrigins: [APP_ORIGIN],
  });
});
afterAll(() => server.close());

const goodPath = () => new URL(server.urlFor('good', 'film.mp4')).pathname;
const port = () => new URL(server.origin).port;

describe('stream server security', () => {
  it('serves the right token, session and host', async () => {
    const res = await rawRequest(server.origin, goodPath());
    expect(res.status).toBe(200);
    expect(res.body.equals(data)).toBe(true);
  });

  it('accepts localhost:PORT as Host and the app origin', async () => {
    const res = await rawRequest(server.origin, goodPath(), {
      headers: { host: `localhost:${port()}`, origin: APP_ORIGIN },
    });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong token with 404', async () => {
    const wrong = goodPath().replace(server.token, 'A'.repeat(server.token.length));
    expect((await rawRequest(server.origin, wrong)).status).toBe(404);
    const short = goodPath().replace(server.token, 'abc');
    expect((await rawRequest(server.origin, short)).status).toBe(404);
    expect((await rawRequest(server.origin, '/stream/good/film.mp4')).status).toBe(404);
  });

  it.each(['evil.example:80', `evil.example:${'PORT'}`, '127.0.0.1', '127.0.0.1:1', 'localhost'])(
    'refuses Host %s with 403 (DNS rebinding)',
    async (host) => {
      const res = await rawRequest(server.origin, goodPath(), {
        headers: { host: host.replace('PORT', port()) },
      });
      expect(res.status).toBe(403);
      expect(res.body.equals(data)).toBe(false);
    },
  );

  it.each(['https://evil.example', 'null', 'http://127.0.0.1:9', 'http://localhost:5123'])(
    'refuses Origin %s with 403 and sends no CORS header',
    async (origin) => {
      const res = await rawRequest(server.origin, goodPath(), { headers: { origin } });
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    },
  );

  it.each([
    (t: string) => `/${t}/stream/../../etc/passwd`,
    (t: string) => `/${t}/stream/%2e%2e/%2e%2e/etc/passwd`,
    (t: string) => `/${t}/stream/..%2f..%2fetc%2fpasswd`,
    (t: string) => `/${t}/stream/good/../../../etc/passwd`,
    (t: string) => `/${t}/stream//etc/passwd`,
    (t: string) => `/${t}/stream/%2Fetc%2Fpasswd`,
    (t: string) => `/${t}/stream/good/film.mp4/extra`,
    () => '/etc/passwd',
    () => '//etc/passwd',
    () => '/',
  ])('refuses traversal attempt %#', async (make) => {
    const res = await rawRequest(server.origin, make(server.token));
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('root:');
  });

  it('never looks up anything but a plain session id', () => {
    expect(resolved.every((id) => /^[A-Za-z0-9_-]+$/.test(id))).toBe(true);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('refuses %s with 405', async (method) => {
    const res = await rawRequest(server.origin, goodPath(), { method });
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('listens on loopback only and puts the token in every URL', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token.length).toBe(32);
    expect(server.urlFor('x', 'a b.mp4')).toBe(
      `${server.origin}/${server.token}/stream/x/a%20b.mp4`,
    );
  });
});
