// Turns what the user pasted (an https or stremio:// manifest link) into the add-on's base URL and
// builds its resource URLs. Never contacts anything; ids are always escaped into one path segment.
import { SourceError } from '../../catalog-source.js';

/** stremio://host/path/manifest.json means the same add-on over https (Stremio's install links). */
export function manifestUrlOf(address: string): string | undefined {
  const trimmed = address.trim();
  const https = /^stremio:\/\//i.test(trimmed) ? `https://${trimmed.slice(10)}` : trimmed;
  let url: URL;
  try {
    url = new URL(https);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!url.pathname.endsWith('/manifest.json')) return undefined;
  url.hash = '';
  return url.toString();
}

export function isStremioAddress(address: string): boolean {
  return manifestUrlOf(address) !== undefined;
}

/** The folder the manifest sits in; every resource lives under it. Query strings are dropped. */
export function baseUrlOf(manifestUrl: string): string {
  const url = new URL(manifestUrl);
  url.search = '';
  url.pathname = url.pathname.slice(0, -'manifest.json'.length);
  return url.toString();
}

export type ExtraArgs = Record<string, string>;

/**
 * /{resource}/{type}/{id}.json, or /{resource}/{type}/{id}/{extra}.json with extra as a query
 * string. encodeURIComponent keeps a hostile id ("../../x", "a/b?c") inside its own segment.
 */
export function resourceUrl(
  base: string,
  resource: 'catalog' | 'meta' | 'stream',
  type: string,
  id: string,
  extra: ExtraArgs = {},
): string {
  const parts = [resource, type, id].map(segment);
  const extraText = Object.entries(extra)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const path = extraText ? `${parts.join('/')}/${extraText}` : parts.join('/');
  return new URL(`${path}.json`, base).toString();
}

/** "." and ".." cannot be sent as a path segment, even escaped: URLs treat them as moves. */
export const isUsableId = (id: string): boolean => !/^\.+$/.test(id);

/** One path segment, so a hostile id ("../x", "a/b?c") cannot leave its place in the URL. */
function segment(text: string): string {
  if (!isUsableId(text)) throw new SourceError('the add-on gave an id that cannot be asked for');
  return encodeURIComponent(text);
}
