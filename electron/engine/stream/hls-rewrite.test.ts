import { describe, expect, it } from 'vitest';
import { PlaylistError, rewritePlaylist, type RelayKind } from './hls-rewrite.js';

const base = new URL('https://cdn.example.org/live/chan/master.m3u8?token=1');
const minted: Array<[string, RelayKind]> = [];
const mint = (url: string, kind: RelayKind) => {
  minted.push([url, kind]);
  return `http://127.0.0.1:9/relay/${minted.length}.${kind === 'playlist' ? 'm3u8' : 'media'}`;
};

describe('HLS playlist rewriting', () => {
  it('rewrites variants, renditions, keys, maps, parts and segments; drops what it cannot relay', () => {
    minted.length = 0;
    const text = [
      '#EXTM3U',
      '#EXT-X-SESSION-DATA:DATA-ID="x",URI="https://tracker.example/data.json"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="fr",URI="audio/fr.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=1000,AUDIO="a"',
      'hd/index.m3u8',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=100,URI="//other.example/iframes.m3u8"',
      '#EXT-X-KEY:METHOD=AES-128,URI="https://keys.example/k?id=1",IV=0x1',
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://drm"',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:2.0,',
      'seg1.ts',
      '#EXTINF:2.0,',
      'javascript:alert(1)',
      '#EXTINF:2.0,',
      'file:///etc/passwd',
      '#EXTINF:2.0,',
      '../other/seg2.ts?x=1',
    ].join('\r\n');
    const out = rewritePlaylist(text, base, mint);
    expect(out).not.toMatch(/example/);
    expect(out).not.toMatch(/javascript|file:|skd:/);
    expect(out).not.toMatch(/SESSION-DATA/);
    expect(minted).toEqual([
      ['https://cdn.example.org/live/chan/audio/fr.m3u8', 'playlist'],
      ['https://cdn.example.org/live/chan/hd/index.m3u8', 'playlist'],
      ['https://other.example/iframes.m3u8', 'playlist'],
      ['https://keys.example/k?id=1', 'media'],
      ['https://cdn.example.org/live/chan/init.mp4', 'media'],
      ['https://cdn.example.org/live/chan/seg1.ts', 'media'],
      ['https://cdn.example.org/live/other/seg2.ts?x=1', 'media'],
    ]);
    expect(out).toContain(
      '#EXT-X-KEY:METHOD=AES-128,URI="http://127.0.0.1:9/relay/4.media",IV=0x1',
    );
  });

  it('refuses what is not a playlist and one too long', () => {
    expect(() => rewritePlaylist('<html>', base, mint)).toThrow(PlaylistError);
    const long = `#EXTM3U\n${'#EXTINF:1,\na.ts\n'.repeat(30_000)}`;
    expect(() => rewritePlaylist(long, base, mint)).toThrow(/too long/);
  });
});
