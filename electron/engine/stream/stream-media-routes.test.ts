// The converted-playback routes of the stream server (feeds and subtitle text): only with the
// token, only for the window's own origin (which alone may read them), only well-formed ids.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryTarget, rawRequest } from '../test-support/stream-helpers.js';
import { createStreamServer, type StreamServer } from './stream-server.js';

const APP_ORIGIN = 'http://127.0.0.1:5123';
const LATER_ORIGIN = 'http://127.0.0.1:6123';
let server: StreamServer;
const calls: string[] = [];
const ranges: number[] = [];
const { target } = memoryTarget(400);

const answer = (res: ServerResponse, text: string) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end(text);
};

beforeAll(async () => {
  server = await createStreamServer({
    resolve: async (id) => (id === 'good' ? target : undefined),
    allowedOrigins: [APP_ORIGIN],
    onRangeRequest: (_id, start) => ranges.push(start),
    media: {
      feed: async (id, query, res) => {
        calls.push(`feed ${id} ${query.get('ss')}`);
        answer(res, 'feed');
      },
      subtitles: async (id, track, query, res) => {
        calls.push(`subs ${id} ${track} ${query.get('ss')}`);
        answer(res, 'subs');
      },
    },
  });
});
afterAll(() => server.close());

const path = (url: string) => new URL(url).pathname + new URL(url).search;

describe('feed and subtitle routes', () => {
  it('reach the media code with the session, track and start time', async () => {
    expect(
      (
        await rawRequest(server.origin, path(`${server.feedUrlFor('good')}?ss=12.5`))
      ).body.toString(),
    ).toBe('feed');
    expect(
      (
        await rawRequest(server.origin, path(`${server.subtitleUrlFor('good', 'e1')}?ss=3`))
      ).body.toString(),
    ).toBe('subs');
    expect(calls).toEqual(['feed good 12.5', 'subs good e1 3']);
  });

  it('let the window read them from its own origin, and no other', async () => {
    const own = await rawRequest(server.origin, path(server.feedUrlFor('good')), {
      headers: { origin: APP_ORIGIN },
    });
    expect(own.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    const foreign = await rawRequest(server.origin, path(server.feedUrlFor('good')), {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    // a window served from elsewhere (headless mode) is let in once the host says so
    expect(
      (
        await rawRequest(server.origin, path(server.feedUrlFor('good')), {
          headers: { origin: LATER_ORIGIN },
        })
      ).status,
    ).toBe(403);
    server.allowOrigin(LATER_ORIGIN);
    const later = await rawRequest(server.origin, path(server.feedUrlFor('good')), {
      headers: { origin: LATER_ORIGIN },
    });
    expect(later.headers['access-control-allow-origin']).toBe(LATER_ORIGIN);
    // the plain stream still sends no CORS header at all
    const stream = await rawRequest(server.origin, path(server.urlFor('good', 'film.mkv')), {
      headers: { origin: APP_ORIGIN },
    });
    expect(stream.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuse a wrong token, a malformed track and other methods', async () => {
    const before = calls.length;
    const wrong = path(server.feedUrlFor('good')).replace(
      server.token,
      'A'.repeat(server.token.length),
    );
    expect((await rawRequest(server.origin, wrong)).status).toBe(404);
    for (const track of ['x1', 'e', 'e1/../../x', 'f12345678']) {
      const bad = path(server.subtitleUrlFor('good', 'e1')).replace(/e1$/, track);
      expect((await rawRequest(server.origin, bad)).status).toBe(404);
    }
    expect(
      (await rawRequest(server.origin, path(server.feedUrlFor('good')), { method: 'HEAD' })).status,
    ).toBe(404);
    expect(calls.length).toBe(before);
  });

  it('a passive reader of the stream does not move the read-ahead window', async () => {
    ranges.length = 0;
    await rawRequest(server.origin, `${path(server.urlFor('good', 'film.mkv'))}?passive=1`, {
      headers: { range: 'bytes=100-' },
    });
    expect(ranges).toEqual([]);
    await rawRequest(server.origin, path(server.urlFor('good', 'film.mkv')), {
      headers: { range: 'bytes=100-' },
    });
    expect(ranges).toEqual([100]);
  });
});
