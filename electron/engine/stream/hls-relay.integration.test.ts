// The direct-channel relay against a real HLS live stream made by ffmpeg on a loopback server:
// every address is rewritten to the relay, segments come through byte for byte, nothing but what
// the channel's playlists name can be fetched, and the local-network rule holds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveStatus } from '../../../shared/domain.js';
import { startHlsOrigin, type HlsOrigin } from '../test-support/hls-origin.js';
import { HlsRelay } from './hls-relay.js';
import { createStreamServer, type StreamServer } from './stream-server.js';

const WINDOW = 'http://window.test';
let dir: string;
let upstream: HlsOrigin;
let server: StreamServer;
let allowPrivate = true;
const statuses: LiveStatus[] = [];
let relay: HlsRelay;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-relay-'));
  upstream = await startHlsOrigin(dir);
  server = await createStreamServer({
    resolve: async () => undefined,
    allowedOrigins: [WINDOW],
    relay: { serve: (...args) => relay.serve(...args) },
  });
  relay = new HlsRelay({
    allowPrivate: () => allowPrivate,
    relayUrlFor: server.relayUrlFor,
    emit: (status) => statuses.push(status),
    log: () => undefined,
  });
}, 90_000);

afterAll(async () => {
  await server?.close();
  await upstream?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string, origin?: string) =>
  fetch(url, origin ? { headers: { origin } } : undefined);

const relayLines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

describe('the direct-channel relay', () => {
  it('rewrites the master and media playlists and streams live segments through', async () => {
    allowPrivate = true;
    const session = relay.open({ name: 'Test card', url: upstream.masterUrl });
    expect(session.playlistUrl.startsWith(`${server.origin}/${server.token}/relay/`)).toBe(true);

    const master = await get(session.playlistUrl, WINDOW);
    expect(master.status).toBe(200);
    expect(master.headers.get('access-control-allow-origin')).toBe(WINDOW);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const masterText = await master.text();
    expect(masterText).not.toContain(upstream.origin);
    const [variant] = relayLines(masterText);
    expect(variant).toMatch(/\/relay\/.+\.m3u8$/);

    const media = await (await get(variant as string, WINDOW)).text();
    expect(media).toContain('#EXTINF');
    expect(media).not.toContain(upstream.origin);
    const segments = relayLines(media);
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments)
      expect(s.startsWith(`${server.origin}/${server.token}/relay/`)).toBe(true);

    const segment = await get(segments.at(-1) as string, WINDOW);
    expect(segment.status).toBe(200);
    expect(segment.headers.get('content-type')).toBe('video/mp2t');
    const bytes = new Uint8Array(await segment.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(188);
    expect(bytes.length % 188).toBe(0);
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte

    // live: a little later the playlist names newer segments, each under a fresh relay id
    await new Promise((r) => setTimeout(r, 3000));
    const later = relayLines(await (await get(variant as string)).text());
    expect(later.some((s) => !segments.includes(s))).toBe(true);
    // a segment still listed keeps its id from one refresh to the next
    expect(later.some((s) => segments.includes(s))).toBe(true);
    expect(statuses.some((s) => s.sessionId === session.sessionId && s.state === 'on-air')).toBe(
      true,
    );
    relay.stop(session.sessionId);
    expect((await get(variant as string)).status).toBe(404);
  }, 60_000);

  it('is no open proxy: unknown ids, other sessions and addresses in the request get 404', async () => {
    allowPrivate = true;
    const session = relay.open({ name: 'Test card', url: upstream.mediaUrl });
    const before = [...upstream.hits.values()].reduce((a, b) => a + b, 0);
    const base = `${server.origin}/${server.token}/relay/${session.sessionId}`;
    for (const path of [
      `${base}/AAAAAAAAAAAAAAAA.m3u8`,
      `${base}/x.media?url=${encodeURIComponent(upstream.mediaUrl)}`,
      `${base}/${encodeURIComponent(upstream.mediaUrl)}.m3u8`,
      `${server.origin}/${server.token}/relay/nosuchsession/AAAA.m3u8`,
      `${server.origin}/wrongtoken/relay/${session.sessionId}/AAAA.m3u8`,
      `${server.origin}/${server.token}/relay/${session.sessionId}/../../etc/passwd`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    const after = [...upstream.hits.values()].reduce((a, b) => a + b, 0);
    expect(after).toBe(before);
    // a foreign page cannot read it
    expect((await get(session.playlistUrl, 'http://evil.test')).status).toBe(403);
    relay.stop(session.sessionId);
  });

  it('refuses a stream on this computer when the local network is not allowed', async () => {
    allowPrivate = false;
    const before = upstream.hits.get('index.m3u8') ?? 0;
    const session = relay.open({ name: 'Local', url: upstream.mediaUrl });
    const answer = await get(session.playlistUrl);
    expect(answer.status).toBe(502);
    expect(upstream.hits.get('index.m3u8') ?? 0).toBe(before);
    const last = statuses.filter((s) => s.sessionId === session.sessionId).at(-1);
    expect(last).toMatchObject({ state: 'off-air', problemCode: 'refused-address' });
    relay.stop(session.sessionId);
    allowPrivate = true;
  });

  it('says the stream is offline when its server fails, and recovers when it is back', async () => {
    allowPrivate = true;
    const session = relay.open({ name: 'Flaky', url: upstream.mediaUrl });
    upstream.setOffline(true);
    expect((await get(session.playlistUrl)).status).toBe(502);
    const mine = () => statuses.filter((s) => s.sessionId === session.sessionId);
    expect(mine().at(-1)).toMatchObject({ state: 'off-air', problemCode: 'unreachable' });
    upstream.setOffline(false);
    expect((await get(session.playlistUrl)).status).toBe(200);
    expect(mine().at(-1)).toMatchObject({ state: 'on-air' });
    relay.stop(session.sessionId);
  });
});
