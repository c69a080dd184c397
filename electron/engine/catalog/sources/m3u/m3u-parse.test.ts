import { describe, expect, it } from 'vitest';
import { channelsFromM3u, m3uAdapter } from './m3u-adapter.js';
import { looksLikeM3u, parseM3u } from './m3u-parse.js';

const LIST = [
  '\ufeff#EXTM3U url-tvg="https://guide.example.org/a.xml,https://guide.example.org/b.xml"',
  '#EXTINF:-1 tvg-id="News.fr" tvg-name="News" tvg-logo="https://img.example.org/n.png" group-title="News, world",News 24 (720p)',
  '#EXTVLCOPT:http-user-agent=Something',
  'https://live.example.org/news/index.m3u8',
  '#EXTINF:-1 tvg-id="Sport.fr",Sport',
  '#EXTGRP:Sport',
  'http://live.example.org/sport.m3u8',
].join('\r\n');

const allow = (local: boolean) => ({ allowLocalNetwork: () => local });

describe('M3U lists', () => {
  it('reads entries with their attributes, the header guide, CRLF and a BOM', () => {
    const list = parseM3u(LIST);
    expect(list.hasHeader).toBe(true);
    expect(list.guideUrls).toEqual([
      'https://guide.example.org/a.xml',
      'https://guide.example.org/b.xml',
    ]);
    expect(list.entries).toEqual([
      {
        name: 'News 24 (720p)',
        url: 'https://live.example.org/news/index.m3u8',
        duration: -1,
        tvgId: 'News.fr',
        tvgName: 'News',
        logo: 'https://img.example.org/n.png',
        group: 'News, world',
      },
      {
        name: 'Sport',
        url: 'http://live.example.org/sport.m3u8',
        duration: -1,
        tvgId: 'Sport.fr',
        group: 'Sport',
      },
    ]);
  });

  it('turns entries into direct channels with the guide, stable ids and no duplicates', () => {
    const loaded = channelsFromM3u(
      `${LIST}\n#EXTINF:-1,Again\nhttp://live.example.org/sport.m3u8\n`,
      'https://lists.example.org/fr.m3u',
      allow(false),
    );
    expect(loaded.name).toBe('fr.m3u');
    expect(loaded.channels).toHaveLength(2);
    const [news, sport] = loaded.channels;
    expect(news?.direct?.url).toBe('https://live.example.org/news/index.m3u8');
    expect(news?.link).toBeUndefined();
    expect(news?.guide).toBe('https://guide.example.org/a.xml');
    expect(sport?.group).toBe('Sport');
    expect(news?.id).toMatch(/^m3u-[0-9a-f]{8}-[0-9a-f]{16}$/);
    const again = channelsFromM3u(LIST, 'https://lists.example.org/fr.m3u', allow(false));
    expect(again.channels.map((c) => c.id)).toEqual(loaded.channels.map((c) => c.id));
    expect(loaded.problems.some((p) => /listed twice/.test(p.message))).toBe(true);
  });

  it('keeps markup in names as text', () => {
    const list = parseM3u(
      '#EXTM3U\n#EXTINF:-1 group-title="<b>x</b>",<img src=x onerror=alert(1)>\nhttps://a.example/s.m3u8\n',
    );
    expect(list.entries[0]?.name).toBe('<img src=x onerror=alert(1)>');
    expect(list.entries[0]?.group).toBe('<b>x</b>');
  });

  it('keeps only http(s) streams and refuses private addresses unless allowed', () => {
    const text = [
      '#EXTM3U',
      '#EXTINF:-1,File',
      'file:///etc/passwd',
      '#EXTINF:-1,Rtmp',
      'rtmp://a.example/live',
      '#EXTINF:-1,Js',
      'javascript:alert(1)',
      '#EXTINF:-1,Box',
      'http://192.168.1.10/live.m3u8',
      '#EXTINF:-1,Loop',
      'http://127.0.0.1:8080/live.m3u8',
      '#EXTINF:-1,Public',
      'https://a.example/live.m3u8',
    ].join('\n');
    const refused = channelsFromM3u(text, 'list.m3u', allow(false));
    expect(refused.channels.map((c) => c.name)).toEqual(['Public']);
    expect(refused.problems.filter((p) => /local network/.test(p.message))).toHaveLength(2);
    const allowed = channelsFromM3u(text, 'list.m3u', allow(true));
    expect(allowed.channels.map((c) => c.name)).toEqual(['Box', 'Loop', 'Public']);
  });

  it('refuses a private guide and a private logo unless allowed', () => {
    const text =
      '#EXTM3U url-tvg="http://10.0.0.2/guide.xml"\n#EXTINF:-1 tvg-id="a" tvg-logo="http://localhost/l.png",A\nhttps://a.example/a.m3u8\n';
    const [channel] = channelsFromM3u(text, 'l.m3u', allow(false)).channels;
    expect(channel?.guide).toBeUndefined();
    expect(channel?.logo).toBeUndefined();
    const [local] = channelsFromM3u(text, 'l.m3u', allow(true)).channels;
    expect(local?.guide).toBe('http://10.0.0.2/guide.xml');
  });

  it('caps a huge list and very long lines, and stays quick', () => {
    const entry = '#EXTINF:-1 tvg-id="x",Name\nhttps://a.example/';
    const huge = `#EXTM3U\n${Array.from({ length: 30_000 }, (_, i) => `${entry}${i}.m3u8`).join('\n')}`;
    const list = parseM3u(huge);
    expect(list.entries).toHaveLength(10_000);
    expect(list.problems.at(-1)).toMatch(/20000 more entries/);
    const long = `#EXTM3U\n#EXTINF:-1,${'A'.repeat(100_000)}\nhttps://a.example/a.m3u8\n#EXTINF:-1,Ok\nhttps://a.example/${'b'.repeat(20_000)}\n#EXTINF:-1,Fine\nhttps://a.example/f.m3u8`;
    const capped = parseM3u(long);
    expect(capped.entries.map((e) => e.name)).toEqual(['https://a.example/a.m3u8', 'Fine']);
    expect(capped.problems.some((p) => /longer than/.test(p))).toBe(true);
    // unbalanced quotes and a line of attributes only
    const odd = parseM3u(
      `#EXTM3U\n#EXTINF:-1 tvg-id="${'"'.repeat(5000)},x\nhttps://a.example/q.m3u8`,
    );
    expect(odd.entries).toHaveLength(1);
  });

  it('tolerates a missing header and says when the text is not a list', () => {
    expect(looksLikeM3u('#EXTINF:-1,A\nhttps://a.example/a.m3u8')).toBe(true);
    expect(looksLikeM3u('<html>')).toBe(false);
    const bare = parseM3u('#EXTINF:-1,A\nhttps://a.example/a.m3u8');
    expect(bare.hasHeader).toBe(false);
    expect(bare.entries).toHaveLength(1);
    const html = channelsFromM3u('<html><body>nope</body></html>', 'x.m3u', allow(false));
    expect(html.channels).toHaveLength(0);
    expect(html.problems.length).toBeGreaterThan(0);
  });

  it('recognises list addresses', () => {
    expect(m3uAdapter.recognises('https://a.example/index.m3u')).toBe(true);
    expect(m3uAdapter.recognises('https://a.example/tv.M3U8?token=1')).toBe(true);
    expect(m3uAdapter.recognises('/home/me/tv.m3u')).toBe(true);
    expect(m3uAdapter.recognises('https://a.example/manifest.json')).toBe(false);
  });
});
