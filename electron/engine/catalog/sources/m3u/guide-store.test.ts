// The guide store against a real XMLTV file on a loopback server: now/next per channel, the copy
// on disk used when the server is down, a daily refresh, and the local-network rule.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../../../shared/domain.js';
import { guardedText } from '../../../stream/guarded-get.js';
import { GuideStore } from './guide-store.js';

const NOW = Date.UTC(2026, 10, 29, 12, 30);
let server: Server;
let url: string;
let dir: string;
let up = true;
let hits = 0;
const title = 'Noon news';

const xml = () => `<?xml version="1.0"?>
<tv>
  <channel id="News.fr"><display-name>News</display-name></channel>
  <programme start="20261129130000 +0100" stop="20261129140000 +0100" channel="News.fr"><title>${title}</title><desc>Headlines &amp; weather</desc></programme>
  <programme start="20261129140000 +0100" stop="20261129150000 +0100" channel="News.fr"><title>Afternoon</title></programme>
  <programme start="20261129130000 +0100" stop="20261129140000 +0100" channel="Sport.fr"><title>Match</title></programme>
</tv>`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-guide-'));
  server = createServer((_req, res) => {
    hits++;
    if (!up) {
      res.statusCode = 500;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/xml');
    res.end(xml());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/guide.xml`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

const channels = (): Channel[] => [
  {
    id: 'news',
    name: 'News',
    direct: { url: 'https://a.example/n.m3u8' },
    tvgId: 'News.fr',
    guide: url,
  },
  { id: 'bare', name: 'Bare', direct: { url: 'https://a.example/b.m3u8' } },
];

const store = (now: () => number, allowPrivate = true) =>
  new GuideStore({
    dir: join(dir, 'guides'),
    fetchText: async (address) =>
      (await guardedText(address, { allowPrivate, timeoutMs: 5000, maxBytes: 1 << 20 })).text,
    now,
    log: () => undefined,
  });

describe('the guide store', () => {
  it('answers now and next, keeps a copy on disk, and refreshes about daily', async () => {
    let now = NOW;
    const first = store(() => now);
    const answer = await first.nowNext(channels(), ['news', 'bare', 'unknown']);
    expect(answer).toEqual([
      {
        channelId: 'news',
        now: {
          title: 'Noon news',
          start: Date.UTC(2026, 10, 29, 12),
          end: Date.UTC(2026, 10, 29, 13),
          description: 'Headlines & weather',
        },
        next: {
          title: 'Afternoon',
          start: Date.UTC(2026, 10, 29, 13),
          end: Date.UTC(2026, 10, 29, 14),
        },
      },
      { channelId: 'bare' },
      { channelId: 'unknown' },
    ]);
    expect(await readdir(join(dir, 'guides'))).toHaveLength(1);
    // asked again within the day: no new fetch
    const before = hits;
    await first.nowNext(channels(), ['news']);
    expect(hits).toBe(before);

    // a new start with the server down: the copy on disk answers, nothing is fetched
    up = false;
    const second = store(() => now);
    const offline = await second.nowNext(channels(), ['news']);
    expect(offline[0]?.now?.title).toBe('Noon news');
    expect(hits).toBe(before);

    // a day later the copy is old: one try (the server is down), then a pause before the next
    now = NOW + 25 * 3_600_000;
    expect(await second.nowNext(channels(), ['news'])).toEqual([{ channelId: 'news' }]);
    expect(hits).toBe(before + 1);
    await second.nowNext(channels(), ['news']);
    expect(hits).toBe(before + 1);
    up = true;
    now += 16 * 60_000;
    await second.nowNext(channels(), ['news']);
    expect(hits).toBe(before + 2);
  });

  it('refuses a guide on this computer when the local network is not allowed', async () => {
    await rm(join(dir, 'guides'), { recursive: true, force: true });
    const before = hits;
    const answer = await store(() => NOW, false).nowNext(channels(), ['news']);
    expect(answer).toEqual([{ channelId: 'news' }]);
    expect(hits).toBe(before);
  });
});
