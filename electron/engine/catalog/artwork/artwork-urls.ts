// Rewrites the pictures of a shelf (posters, backdrops, stills, logos) from web addresses to the
// local server's, so the window only ever loads images from this machine. Embedded images stay.
import type { CatalogView, Channel, Title } from '../../../../shared/domain.js';
import { isFetchableImageUrl } from './artwork-cache.js';

export type ArtUrlFor = (url: string) => string;

const local = (value: string | undefined, urlFor: ArtUrlFor): string | undefined => {
  if (value === undefined) return undefined;
  if (isFetchableImageUrl(value)) return urlFor(value);
  // only embedded images reach the window as they are; anything else is dropped
  return /^data:image\//i.test(value) ? value : undefined;
};

function withPicture<T extends object, K extends keyof T>(
  entry: T,
  field: K,
  urlFor: ArtUrlFor,
): T {
  const value = entry[field];
  if (typeof value !== 'string') return entry;
  const next = local(value, urlFor);
  const copy = { ...entry };
  if (next === undefined) delete copy[field];
  else (copy as Record<K, unknown>)[field] = next;
  return copy;
}

export function localTitleArt(title: Title, urlFor: ArtUrlFor): Title {
  let out = withPicture(withPicture(title, 'poster', urlFor), 'backdrop', urlFor);
  if (out.episodes?.some((e) => e.thumbnail !== undefined)) {
    out = { ...out, episodes: out.episodes.map((e) => withPicture(e, 'thumbnail', urlFor)) };
  }
  return out;
}

export const localChannelArt = (channel: Channel, urlFor: ArtUrlFor): Channel =>
  withPicture(channel, 'logo', urlFor);

export function localViewArt(view: CatalogView, urlFor: ArtUrlFor): CatalogView {
  return {
    ...view,
    titles: view.titles.map((t) => localTitleArt(t, urlFor)),
    channels: view.channels.map((c) => localChannelArt(c, urlFor)),
  };
}
