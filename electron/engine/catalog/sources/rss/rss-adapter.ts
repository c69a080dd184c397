// The RSS/Atom torrent feed source: reads a feed URL into film titles, one per playable item,
// de-duplicated by info hash. What cannot be played is counted and said in plain words.
import type { CatalogProblem, Title } from '../../../../../shared/domain.js';
import { SourceError } from '../../catalog-source.js';
import { judgeLink } from '../link-rules.js';
import { plainText } from '../plain-text.js';
import type { LoadedSource, SourceAdapter, SourceContext } from '../source-adapter.js';
import { feedItems } from './feed-items.js';
import { titleFromItem, type LeftOut } from './torrent-item.js';
import { MAX_FEED_BYTES, readXml } from './xml-read.js';

/** More items than any real feed carries; the rest is left out with a note. */
export const MAX_FEED_ITEMS = 5000;

const REASONS: Record<LeftOut | 'duplicate', (n: number) => string> = {
  'no-torrent': (n) => `${items(n)} no torrent and ${were(n)} left out.`,
  'bad-hash': (n) =>
    `${items(n)} a magnet link or info hash that is not valid and ${were(n)} left out.`,
  insecure: (n) =>
    `${items(n)} a .torrent link over plain http (only https is accepted from the internet) and ${were(n)} left out.`,
  private: (n) =>
    `${items(n)} a link to this machine or the local network, which the local-network setting does not allow, and ${were(n)} left out.`,
  'no-name': (n) => `${items(n)} no name and ${were(n)} left out.`,
  duplicate: (n) => `${items(n)} a torrent already listed by another item and ${were(n)} left out.`,
};
const items = (n: number): string => (n === 1 ? '1 item had' : `${n} items had`);
const were = (n: number): string => (n === 1 ? 'was' : 'were');

/** Feeds are web addresses; the kind is recognised by the usual feed paths and extensions. */
function recognises(address: string): boolean {
  const text = address.trim();
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    const path = url.pathname.toLowerCase();
    // a JSON file under /feeds/ is a catalog, not a feed
    if (/\.(json|m3u8?)$/.test(path)) return false;
    return (
      /\.(rss|atom|xml)$/.test(path) ||
      /(^|\/)(rss|atom|feed|feeds)(\/|$)/.test(path) ||
      /(^|[?&])(format|type)=(rss|atom)\b/i.test(url.search)
    );
  } catch {
    return false;
  }
}

async function load(address: string, context: SourceContext): Promise<LoadedSource> {
  const url = address.trim();
  const verdict = judgeLink(url, context.allowLocalNetwork());
  if (verdict === 'invalid') throw new SourceError('a feed address must be an http(s) link');
  if (verdict === 'private') {
    throw new SourceError(
      'it is on this machine or the local network, which the local-network setting does not allow',
    );
  }
  if (verdict === 'insecure') throw new SourceError('a feed on the internet must use https');
  const feed = feedItems(readXml(await context.fetchText(url, { maxBytes: MAX_FEED_BYTES })));
  const name = plainText(feed.name, 300) || url;
  const problems: CatalogProblem[] = [];
  if (feed.items.length > MAX_FEED_ITEMS) {
    problems.push({
      catalog: name,
      message: `The feed lists ${feed.items.length} items; only the first ${MAX_FEED_ITEMS} were read.`,
    });
  }
  const counts = new Map<LeftOut | 'duplicate', number>();
  const titles: Title[] = [];
  const seen = new Set<string>();
  for (const item of feed.items.slice(0, MAX_FEED_ITEMS)) {
    const result = titleFromItem(item, context.allowLocalNetwork());
    if (!result.ok) {
      counts.set(result.why, (counts.get(result.why) ?? 0) + 1);
      continue;
    }
    // the same torrent under two items (or one .torrent link under two guids) is listed once
    const keys = [result.title.id, result.infoHash ?? result.title.source ?? ''];
    if (keys.some((key) => seen.has(key))) {
      counts.set('duplicate', (counts.get('duplicate') ?? 0) + 1);
      continue;
    }
    for (const key of keys) seen.add(key);
    titles.push(result.title);
  }
  for (const [why, n] of counts) problems.push({ catalog: name, message: REASONS[why](n) });
  if (titles.length === 0 && feed.items.length > 0) {
    context.log(`feed ${url}: none of its ${feed.items.length} items can be played`);
  }
  return { name, titles, channels: [], problems };
}

export const rssAdapter: SourceAdapter = { kind: 'rss', recognises, load };
