// The local server's picture route, `/<token>/art/<key>`: serves cached catalog artwork by key
// only (never a path from the URL). Unknown or failing pictures are a plain 404, so the window
// falls back to its generated poster.
import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** What the art route serves: the picture for a key, fetched and cached by the engine. */
export interface ArtSource {
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
}

const ART_PATH = /^\/([^/]+)\/art\/([a-f0-9]{32})$/;

/** The key of an art path with the right token, else undefined. */
export function parseArtPath(rawUrl: string, tokenBytes: Buffer): string | undefined {
  const m = ART_PATH.exec(rawUrl.split('?', 1)[0] ?? '');
  if (!m) return undefined;
  const given = Buffer.from(m[1] ?? '');
  if (given.length !== tokenBytes.length || !timingSafeEqual(given, tokenBytes)) return undefined;
  return m[2];
}

export async function serveArt(
  res: ServerResponse,
  key: string,
  head: boolean,
  art: ArtSource | undefined,
): Promise<void> {
  const found = await art?.get(key);
  if (!found) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.end('404\n');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', found.contentType);
  res.setHeader('Content-Length', String(found.bytes.byteLength));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // opened on its own, a picture still runs nothing
  res.setHeader('Content-Security-Policy', "default-src 'none'");
  // the token changes every run, so the window may keep it for the run
  res.setHeader('Cache-Control', 'private, max-age=86400');
  res.end(head ? undefined : found.bytes);
}
