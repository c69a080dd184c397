// One feed item judged on its own: links to the local network are refused while the setting is
// off, whatever the feed's own address.
import { describe, expect, it } from 'vitest';
import type { FeedItem } from './feed-items.js';
import { titleFromItem } from './torrent-item.js';

const item = (over: Partial<FeedItem>): FeedItem => ({
  title: 'Film (2000)',
  links: [],
  torrentLinks: [],
  ...over,
});

describe('titleFromItem', () => {
  it.each([
    'http://192.168.1.20/film.torrent',
    'https://10.0.0.1/film.torrent',
    'http://localhost:8080/film.torrent',
    'https://nas/film.torrent',
  ])('refuses %s while the local network is not allowed, takes it when it is', (link) => {
    expect(titleFromItem(item({ torrentLinks: [link] }), false)).toEqual({
      ok: false,
      why: 'private',
    });
    expect(titleFromItem(item({ torrentLinks: [link] }), true)).toMatchObject({
      ok: true,
      title: { source: new URL(link).toString() },
    });
  });

  it('keeps a known hash playable without the refused .torrent link (no xs= to it)', () => {
    const hash = 'e'.repeat(40);
    const result = titleFromItem(
      item({ infoHash: hash, torrentLinks: ['http://192.168.1.20/film.torrent'] }),
      false,
    );
    expect(result).toMatchObject({ ok: true, infoHash: hash });
    expect(result.ok && result.title.source).toBe(`magnet:?xt=urn:btih:${hash}&dn=Film`);
  });

  it('refuses links with credentials or other schemes', () => {
    for (const link of ['https://user:pw@example.org/a.torrent', 'ftp://example.org/a.torrent']) {
      expect(titleFromItem(item({ torrentLinks: [link] }), true)).toEqual({
        ok: false,
        why: 'no-torrent',
      });
    }
  });
});
