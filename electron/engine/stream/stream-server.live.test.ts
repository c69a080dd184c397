import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStreamServer, type StreamServer } from './stream-server.js';

let server: StreamServer;
const APP = 'http://127.0.0.1:5999';

beforeAll(async () => {
  server = await createStreamServer({
    resolve: async () => undefined,
    allowedOrigins: [APP],
    live: {
      playlist: (id) => (id === 'abc' ? '#EXTM3U\n' : undefined),
      segment: (id, seg) => (id === 'abc' && seg === 7 ? Buffer.from('TS') : undefined),
    },
  });
});
afterAll(() => server.close());

describe('live routes of the stream server', () => {
  it('serves a live session playlist and its verified segments to the app, by token only', async () => {
    const url = server.liveUrlFor('abc');
    const res = await fetch(url, { headers: { origin: APP } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    // only the app's own origin may read it from script
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(await res.text()).toBe('#EXTM3U\n');
    const seg = await fetch(url.replace('index.m3u8', 'segment/7.ts'));
    expect(await seg.text()).toBe('TS');
    expect(seg.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a wrong token, a foreign origin, an unknown session or segment and odd paths', async () => {
    const url = server.liveUrlFor('abc');
    expect((await fetch(url.replace(server.token, 'x'.repeat(server.token.length)))).status).toBe(
      404,
    );
    expect((await fetch(url, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(server.liveUrlFor('nope'))).status).toBe(404);
    expect((await fetch(url.replace('index.m3u8', 'segment/8.ts'))).status).toBe(404);
    expect((await fetch(url.replace('index.m3u8', '../../etc/passwd'))).status).toBe(404);
  });
});
