// The RSS/Atom adapter against real feeds served on loopback: what becomes a title, what is left
// out and said, and hostile feeds (huge, deep, entity bombs, wrong types) refused in plain words.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleSchema } from '../../../../../shared/domain.js';
import { SourceError } from '../../catalog-source.js';
import { testSourceContext } from '../../../test-support/source-context.js';
import { rssAdapter } from './rss-adapter.js';

const HASH_A = 'a'.repeat(40);
const HASH_B = '0123456789abcdef0123456789abcdef01234567';
const HASH_C = 'c'.repeat(40);
const BASE32 = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'; // 32 base32 characters

const pages = new Map<string, string | Buffer>();
let server: Server;
let base: string;
const local = testSourceContext({ allowLocalNetwork: true });

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    if (body === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/rss+xml');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const serve = (path: string, body: string | Buffer): string => {
  pages.set(path, body);
  return `${base}${path}`;
};

const rss = (items: string, title = 'Open Films'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:torrent="http://xmlns.ezrss.it/0.1/"><channel><title>${title}</title>${items}</channel></rss>`;

describe('an RSS 2.0 torrent feed', () => {
  it('becomes film titles: hash, magnet, .torrent link, size, peers, year and date', async () => {
    const url = serve(
      '/films.rss',
      rss(`
      <item>
        <title>Night.of.the.Living.Dead.1968.1080p.BluRay</title>
        <guid isPermaLink="false">${HASH_A}</guid>
        <pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate>
        <enclosure url="${base}/t/night.torrent?a=1&amp;b=2" length="1234" type="application/x-bittorrent"/>
        <torrent:infoHash>${HASH_A.toUpperCase()}</torrent:infoHash>
        <torrent:contentLength>734003200</torrent:contentLength>
        <torrent:seeds>42</torrent:seeds>
        <torrent:peers>7</torrent:peers>
      </item>
      <item>
        <title>Sintel (2010)</title>
        <description>An open movie from the Blender Institute.</description>
        <torrent:torrent>
          <torrent:magnetURI><![CDATA[magnet:?xt=urn:btih:${HASH_B}&dn=Sintel&tr=udp%3A%2F%2Ftracker.example.org%3A1337]]></torrent:magnetURI>
          <torrent:contentLength>129302391</torrent:contentLength>
        </torrent:torrent>
      </item>
      <item>
        <title>Big Buck Bunny</title>
        <description>&lt;p&gt;Get it here: magnet:?xt=urn:btih:${BASE32}&amp;dn=Big+Buck+Bunny&lt;/p&gt;</description>
      </item>
      <item>
        <title>Elephants Dream 2006</title>
        <guid>https://example.org/films/elephants-dream</guid>
        <link>${base}/t/elephants.torrent</link>
      </item>
      <item><title>Same torrent again</title><torrent:infoHash>${HASH_A}</torrent:infoHash></item>
      <item><title>A page, not a torrent</title><link>https://example.org/about</link></item>
      <item><title>Nothing at all</title></item>
      <item><title>Broken</title><link>magnet:?xt=urn:btih:nothex</link></item>
    `),
    );
    const loaded = await rssAdapter.load(url, local);
    expect(loaded.name).toBe('Open Films');
    for (const title of loaded.titles) expect(titleSchema.safeParse(title).success).toBe(true);
    expect(loaded.titles.map((t) => t.id)).toEqual([
      `rss:${HASH_A}`,
      `rss:${HASH_B}`,
      expect.stringMatching(/^rss:[0-9a-f]{40}$/),
      expect.stringMatching(/^rss:[0-9a-f]{32}$/),
    ]);
    const [night, sintel, bunny, elephants] = loaded.titles;
    expect(night).toMatchObject({
      kind: 'film',
      name: 'Night of the Living Dead',
      year: 1968,
      released: '2025-06-03T10:00:00.000Z',
      options: [{ label: '1080p BluRay', sizeBytes: 734003200, peers: 42 }],
    });
    // the .torrent link rides along as xs= so no peer is needed for the metadata
    expect(night?.source).toBe(
      `magnet:?xt=urn:btih:${HASH_A}&dn=Night%20of%20the%20Living%20Dead&xs=${encodeURIComponent(`${base}/t/night.torrent?a=1&b=2`)}`,
    );
    expect(sintel).toMatchObject({
      name: 'Sintel',
      year: 2010,
      synopsis: 'An open movie from the Blender Institute.',
    });
    expect(sintel?.source).toBe(
      `magnet:?xt=urn:btih:${HASH_B}&dn=Sintel&tr=udp%3A%2F%2Ftracker.example.org%3A1337`,
    );
    expect(sintel?.options?.[0]?.sizeBytes).toBe(129302391);
    expect(bunny?.name).toBe('Big Buck Bunny');
    expect(bunny?.source).toBe(`magnet:?xt=urn:btih:${BASE32}&dn=Big+Buck+Bunny`);
    expect(bunny?.synopsis).toBe('Get it here:');
    expect(elephants).toMatchObject({
      name: 'Elephants Dream',
      year: 2006,
      source: `${base}/t/elephants.torrent`,
    });
    expect(loaded.problems.map((p) => p.message).sort()).toEqual([
      '1 item had a magnet link or info hash that is not valid and was left out.',
      '1 item had a torrent already listed by another item and was left out.',
      '2 items had no torrent and were left out.',
    ]);
  });

  it('turns markup in titles into plain text: never kept as markup', async () => {
    const url = serve(
      '/markup.rss',
      rss(
        `
      <item><title><![CDATA[<b>Bold</b> <script>alert(1)</script>Film (2001)]]></title><torrent:infoHash>${HASH_C}</torrent:infoHash></item>
      <item><title>&lt;img src=x onerror=alert(1)&gt; Escaped &amp;amp; Co</title><torrent:infoHash>${HASH_B}</torrent:infoHash></item>
      <item><title><![CDATA[<b>Feed</b>.Film.2024.1080p.WEB]]></title><torrent:infoHash>${HASH_A}</torrent:infoHash></item>
    `,
        '<i>Feed</i> &amp; more',
      ),
    );
    const loaded = await rssAdapter.load(url, local);
    expect(loaded.name).toBe('Feed & more');
    expect(loaded.titles[0]).toMatchObject({ name: 'Bold Film', year: 2001 });
    expect(loaded.titles[1]?.name).not.toMatch(/[<>]/);
    expect(loaded.titles[1]?.name).toContain('Escaped &');
    // inline markup inside a release name does not break the name apart
    expect(loaded.titles[2]).toMatchObject({
      name: 'Feed Film',
      year: 2024,
      options: [{ label: '1080p WEB' }],
    });
  });

  it('refuses .torrent links to the local network or over plain http unless allowed', async () => {
    const feed = rss(`
      <item><title>Local</title><enclosure url="http://192.168.1.20/film.torrent" type="application/x-bittorrent"/></item>
      <item><title>Plain</title><enclosure url="http://films.example.org/film.torrent" type="application/x-bittorrent"/></item>
      <item><title>Secure</title><enclosure url="https://films.example.org/film.torrent" type="application/x-bittorrent"/></item>
    `);
    const url = serve('/links.rss', feed);
    const allowed = await rssAdapter.load(url, local);
    expect(allowed.titles.map((t) => t.name)).toEqual(['Local', 'Secure']);
    expect(allowed.problems.map((p) => p.message)).toEqual([
      '1 item had a .torrent link over plain http (only https is accepted from the internet) and was left out.',
    ]);

    // the feed itself on loopback is refused while the local-network setting is off
    const closed = testSourceContext({ allowLocalNetwork: false });
    await expect(rssAdapter.load(url, closed)).rejects.toThrow(/local network/);
    expect(closed.fetched).toEqual([]);
  });
});

describe('an Atom feed', () => {
  it('reads entries with a bittorrent enclosure link', async () => {
    const url = serve(
      '/films.atom',
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom Films</title>
      <entry><title>Tears of Steel [2012]</title><id>urn:uuid:1</id><updated>2024-01-02T03:04:05Z</updated>
        <summary type="html">&lt;em&gt;Science&lt;/em&gt; fiction</summary>
        <link rel="enclosure" type="application/x-bittorrent" length="5000" href="${base}/t/tos.torrent"/>
        <link rel="alternate" href="https://example.org/tos"/></entry>
      <entry><title>No torrent</title><link href="https://example.org/x"/></entry>
      </feed>`,
    );
    const loaded = await rssAdapter.load(url, local);
    expect(loaded.name).toBe('Atom Films');
    expect(loaded.titles).toEqual([
      expect.objectContaining({
        name: 'Tears of Steel',
        year: 2012,
        synopsis: 'Science fiction',
        source: `${base}/t/tos.torrent`,
        released: '2024-01-02T03:04:05.000Z',
        options: [{ source: `${base}/t/tos.torrent`, sizeBytes: 5000 }],
      }),
    ]);
    expect(loaded.problems.map((p) => p.message)).toEqual([
      '1 item had no torrent and was left out.',
    ]);
  });
});

describe('hostile feeds', () => {
  const fails = async (path: string, body: string | Buffer, why: RegExp): Promise<void> => {
    const error = await rssAdapter.load(serve(path, body), local).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(why);
  };

  it('refuses an entity expansion bomb without expanding anything', async () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss><channel><title>&lol9;</title><item><title>&lol9;</title><torrent:infoHash>${HASH_A}</torrent:infoHash></item></channel></rss>`;
    await fails('/bomb.rss', lol, /document type or entities/);
    // an entity declared late, without a DOCTYPE at the top, is refused the same way
    await fails('/late.rss', `${rss('')}<!ENTITY x "y">`, /entities/);
  });

  it('refuses deep nesting in plain words', async () => {
    const deep = `<rss><channel>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</channel></rss>`;
    await fails('/deep.rss', deep, /nested far too deeply/);
  });

  it('refuses a feed larger than the cap without reading it all', async () => {
    const huge = Buffer.alloc(9 * 1024 * 1024, 'a');
    await fails('/huge.rss', huge, /larger than 8 MiB/);
  });

  it('reads at most 5000 items of a feed that lists far more, and says so', async () => {
    const items = Array.from(
      { length: 6000 },
      (_, i) =>
        `<item><title>Film ${i}</title><torrent:infoHash>${i.toString(16).padStart(40, '0')}</torrent:infoHash></item>`,
    ).join('');
    const loaded = await rssAdapter.load(serve('/many.rss', rss(items)), local);
    expect(loaded.titles).toHaveLength(5000);
    expect(loaded.problems[0]?.message).toBe(
      'The feed lists 6000 items; only the first 5000 were read.',
    );
  });

  it('survives wrong types: nested elements where text belongs, bad numbers, no url', async () => {
    const url = serve(
      '/types.rss',
      rss(`
      <item><title><a>1</a><b>2</b></title><torrent:infoHash>${HASH_A}</torrent:infoHash></item>
      <item><title>Counts</title><torrent:infoHash>${HASH_B}</torrent:infoHash>
        <torrent:contentLength>-5</torrent:contentLength><torrent:seeds>lots</torrent:seeds>
        <torrent:peers>99999999999999999999</torrent:peers></item>
      <item><title>No url</title><enclosure type="application/x-bittorrent"/></item>
      <item><title>Hash too short</title><torrent:infoHash>abcdef</torrent:infoHash></item>
      <item><title>Disagrees</title><torrent:infoHash>${HASH_C}</torrent:infoHash>
        <link>magnet:?xt=urn:btih:${HASH_B}</link></item>
      <item>just text</item>
    `),
    );
    const loaded = await rssAdapter.load(url, local);
    expect(loaded.titles.map((t) => t.name)).toEqual(['12', 'Counts']);
    expect(loaded.titles[1]?.options).toEqual([{ source: expect.any(String) }]);
    expect(loaded.problems.map((p) => p.message).sort()).toEqual([
      '2 items had a magnet link or info hash that is not valid and were left out.',
      '2 items had no torrent and were left out.',
    ]);
  });

  it.each([
    ['an HTML page', '<html><body><p>Hello</p></body></html>', /neither an RSS nor an Atom feed/],
    ['JSON', '{"items": []}', /neither an RSS nor an Atom feed/],
    ['nothing', '', /neither an RSS nor an Atom feed|not readable/],
  ])('says plainly when the address holds %s', async (_what, body, why) => {
    await fails(`/not-a-feed-${_what.length}`, body, why);
  });

  it('refuses a feed address that is not a web link', async () => {
    await expect(rssAdapter.load('file:///etc/passwd', local)).rejects.toThrow(/http\(s\) link/);
  });
});

describe('recognising a feed address', () => {
  it.each([
    ['https://example.org/feed.rss', true],
    ['https://example.org/films/atom.xml', true],
    ['https://example.org/rss/films', true],
    ['https://example.org/index?format=rss', true],
    ['https://example.org/manifest.json', false],
    ['https://example.org/feeds/catalog.json', false],
    ['https://example.org/feed/channels.m3u8', false],
    ['ia:collection:feature_films', false],
    ['magnet:?xt=urn:btih:' + HASH_A, false],
  ])('%s → %s', (address, expected) => {
    expect(rssAdapter.recognises(address)).toBe(expected);
  });
});
