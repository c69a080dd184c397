// Finds the items of an RSS 2.0 or Atom feed and the torrent facts each one states (enclosures,
// links, the `torrent:` namespace, Media RSS hashes). Reads only; decides nothing about playability.
import { SourceError } from '../../catalog-source.js';
import { decodeReferences } from '../plain-text.js';
import { attr, child, children, textOf, type XmlNode } from './xml-read.js';

export interface FeedItem {
  title?: string;
  description?: string;
  guid?: string;
  /** http(s) or magnet links the item points at, in the order they were found */
  links: string[];
  /** links stated to be torrents (enclosure/link of type application/x-bittorrent) */
  torrentLinks: string[];
  infoHash?: string;
  magnetUri?: string;
  sizeBytes?: number;
  seeds?: number;
  peers?: number;
  published?: string;
}

export interface Feed {
  name?: string;
  items: FeedItem[];
}

const TORRENT_TYPE = 'application/x-bittorrent';

/** Element text with the XML's character references decoded (once); markup is dealt with later. */
const text = (node: unknown): string | undefined => {
  const raw = textOf(node);
  const value = raw === undefined ? undefined : decodeReferences(raw).trim();
  return value === undefined || value === '' ? undefined : value;
};

/** A link value as written in the XML: references decoded once (`&amp;` in a query string). */
const link = (value: string | undefined): string | undefined => {
  const decoded = value === undefined ? undefined : decodeReferences(value).trim();
  return decoded === undefined || decoded === '' ? undefined : decoded;
};

const count = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d{1,16}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
};

/** The `torrent:` namespace may sit on the item or inside a <torrent:torrent> wrapper. */
function torrentFacts(item: XmlNode): Partial<FeedItem> {
  const scopes = [item, ...children(item, 'torrent').filter((t) => typeof t === 'object')];
  const pick = (name: string): string | undefined => {
    for (const scope of scopes) {
      for (const [key, value] of Object.entries(scope as XmlNode)) {
        if (key.toLowerCase() === `torrent:${name.toLowerCase()}`) return text(value);
      }
    }
    return undefined;
  };
  const media = children(item, 'content').flatMap((c) => children(c, 'hash'));
  const mediaHash = [...children(item, 'hash'), ...media].find(
    (h) => (attr(h, 'algo') ?? 'sha1').toLowerCase() === 'sha1',
  );
  return {
    infoHash: pick('infoHash') ?? text(mediaHash),
    magnetUri: pick('magnetURI'),
    sizeBytes: count(pick('contentLength')),
    seeds: count(pick('seeds')),
    peers: count(pick('peers')),
  };
}

function rssItem(item: XmlNode): FeedItem {
  const links: string[] = [];
  const torrentLinks: string[] = [];
  let sizeBytes: number | undefined;
  for (const enclosure of children(item, 'enclosure')) {
    const url = link(attr(enclosure, 'url'));
    if (url === undefined) continue;
    const type = (attr(enclosure, 'type') ?? '').toLowerCase();
    if (type === TORRENT_TYPE) {
      torrentLinks.push(url);
      sizeBytes ??= count(attr(enclosure, 'length'));
    } else links.push(url);
  }
  for (const l of children(item, 'link')) {
    const url = text(l) ?? link(attr(l, 'href'));
    if (url !== undefined) links.push(url);
  }
  const guid = text(child(item, 'guid'));
  const facts = torrentFacts(item);
  return {
    title: text(child(item, 'title')),
    description: text(child(item, 'description')),
    guid,
    links,
    torrentLinks,
    ...facts,
    sizeBytes: facts.sizeBytes ?? sizeBytes,
    published: text(child(item, 'pubDate')) ?? text(child(item, 'date')),
  };
}

function atomEntry(entry: XmlNode): FeedItem {
  const links: string[] = [];
  const torrentLinks: string[] = [];
  let sizeBytes: number | undefined;
  for (const l of children(entry, 'link')) {
    const url = link(attr(l, 'href'));
    if (url === undefined) continue;
    if ((attr(l, 'type') ?? '').toLowerCase() === TORRENT_TYPE) {
      torrentLinks.push(url);
      sizeBytes ??= count(attr(l, 'length'));
    } else links.push(url);
  }
  const facts = torrentFacts(entry);
  return {
    title: text(child(entry, 'title')),
    description: text(child(entry, 'summary')) ?? text(child(entry, 'content')),
    guid: text(child(entry, 'id')),
    links,
    torrentLinks,
    ...facts,
    sizeBytes: facts.sizeBytes ?? sizeBytes,
    published: text(child(entry, 'published')) ?? text(child(entry, 'updated')),
  };
}

/** An item that is only text (no elements) still counts, as an item with nothing to play. */
const asNode = (x: unknown): XmlNode =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as XmlNode) : {};

/** The feed's items, RSS or Atom; throws SourceError when the document is neither. */
export function feedItems(doc: XmlNode): Feed {
  const rss = child(doc, 'rss') ?? child(doc, 'RDF');
  if (rss !== undefined) {
    const channel = child(rss, 'channel');
    // RSS 1.0 (RDF) puts its items beside the channel, RSS 2.0 inside it
    const items = [...children(channel, 'item'), ...children(rss, 'item')];
    return { name: text(child(channel, 'title')), items: items.map((i) => rssItem(asNode(i))) };
  }
  const atom = child(doc, 'feed');
  if (atom !== undefined) {
    return {
      name: text(child(atom, 'title')),
      items: children(atom, 'entry').map((e) => atomEntry(asNode(e))),
    };
  }
  throw new SourceError('it is neither an RSS nor an Atom feed');
}
