// Rewrites an HLS playlist so every address in it (variant and rendition playlists, segments,
// keys, init maps, parts) points at the engine's relay instead. An address that is not http(s)
// is dropped, never passed to the window: the window must not fetch anything remote itself.

/** What the relay will do with an address: rewrite it again, or stream its bytes through. */
export type RelayKind = 'playlist' | 'media';

/** Gives the loopback URL standing for an absolute upstream URL. */
export type Mint = (absoluteUrl: string, kind: RelayKind) => string;

export const MAX_PLAYLIST_LINES = 50_000;

/** Tags whose URI attribute names another playlist. */
const PLAYLIST_TAGS = ['#EXT-X-MEDIA:', '#EXT-X-I-FRAME-STREAM-INF:', '#EXT-X-RENDITION-REPORT:'];
/** Tags whose URI attribute names bytes (a key, an init section, a part). */
const MEDIA_TAGS = [
  '#EXT-X-KEY:',
  '#EXT-X-SESSION-KEY:',
  '#EXT-X-MAP:',
  '#EXT-X-PART:',
  '#EXT-X-PRELOAD-HINT:',
];
/** Tags dropped: they name things the player does not need and we will not relay. */
const DROPPED_TAGS = ['#EXT-X-SESSION-DATA:', '#EXT-X-CONTENT-STEERING:'];

export class PlaylistError extends Error {}

function absolute(uri: string, base: URL): string | undefined {
  try {
    const url = new URL(uri, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function rewritePlaylist(text: string, base: URL, mint: Mint): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  if (!(lines[0] ?? '').trim().startsWith('#EXTM3U')) {
    throw new PlaylistError('the stream did not answer with an HLS playlist');
  }
  if (lines.length > MAX_PLAYLIST_LINES) throw new PlaylistError('the playlist is too long');
  const out: string[] = [];
  let nextIsPlaylist = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const upper = line.toUpperCase();
      if (DROPPED_TAGS.some((tag) => upper.startsWith(tag))) continue;
      if (upper.startsWith('#EXT-X-STREAM-INF:')) nextIsPlaylist = true;
      const kind: RelayKind | undefined = PLAYLIST_TAGS.some((tag) => upper.startsWith(tag))
        ? 'playlist'
        : MEDIA_TAGS.some((tag) => upper.startsWith(tag))
          ? 'media'
          : undefined;
      if (kind === undefined || !/URI="/i.test(line)) {
        out.push(line);
        continue;
      }
      let dropped = false;
      const rewritten = line.replace(/URI="([^"]*)"/gi, (_whole, uri: string) => {
        const url = absolute(uri, base);
        if (url === undefined) {
          dropped = true;
          return 'URI=""';
        }
        return `URI="${mint(url, kind)}"`;
      });
      // a key or rendition we cannot relay: leave it out rather than hand the window a remote link
      if (!dropped) out.push(rewritten);
      continue;
    }
    const url = absolute(line, base);
    const kind: RelayKind = nextIsPlaylist ? 'playlist' : 'media';
    nextIsPlaylist = false;
    if (url !== undefined) out.push(mint(url, kind));
  }
  return `${out.join('\n')}\n`;
}
