// Turns one feed item into a film title with one way to play it, or says in one word why it cannot
// be played (the adapter counts those). Never trusts a stated hash, link or number without checking.
import { createHash } from 'node:crypto';
import type { PlayOption, Title } from '../../../../../shared/domain.js';
import { magnetInfoHash, parseOpenInput } from '../../../../../shared/open-input.js';
import { judgeLink } from '../link-rules.js';
import { plainText } from '../plain-text.js';
import type { FeedItem } from './feed-items.js';
import { readReleaseName } from './release-name.js';

export type LeftOut = 'no-torrent' | 'bad-hash' | 'insecure' | 'private' | 'no-name';

export type ItemResult =
  { ok: true; title: Title; infoHash?: string } | { ok: false; why: LeftOut };

const MAGNET_IN_TEXT = /magnet:\?[^\s"'<>]{1,8000}/i;
const HASH = /^([0-9a-f]{40}|[a-z2-7]{32})$/i;

const looksLikeTorrentFile = (url: string): boolean => {
  try {
    return new URL(url).pathname.toLowerCase().endsWith('.torrent');
  } catch {
    return false;
  }
};

/** The info hash written as 40 hex digits, or undefined when the text is no valid hash. */
function hashOf(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (value === undefined || !HASH.test(value)) return undefined;
  return magnetInfoHash(`magnet:?xt=urn:btih:${value}`);
}

/** A magnet that passes the same checks as one pasted by hand, with its hash. */
function checkedMagnet(uri: string): { uri: string; hash: string } | 'bad-hash' {
  const parsed = parseOpenInput(uri);
  if (!parsed.ok || parsed.source.kind !== 'magnet') return 'bad-hash';
  const hash = magnetInfoHash(parsed.source.uri);
  return hash === undefined ? 'bad-hash' : { uri: parsed.source.uri, hash };
}

function isoDate(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text.slice(0, 100));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

const stableId = (text: string): string =>
  `rss:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;

export function titleFromItem(item: FeedItem, allowLocalNetwork: boolean): ItemResult {
  const links = [...item.torrentLinks, ...item.links];
  const magnets = links.filter((l) => /^magnet:/i.test(l));
  const inText = MAGNET_IN_TEXT.exec(item.description ?? '')?.[0];
  if (inText !== undefined) magnets.push(inText);
  if (item.magnetUri !== undefined) magnets.unshift(item.magnetUri);
  const torrentFiles = [
    ...item.torrentLinks.filter((l) => !/^magnet:/i.test(l)),
    ...item.links.filter(looksLikeTorrentFile),
  ];

  // The .torrent link: the first one the local-network and https rules allow.
  let refused: LeftOut | undefined;
  let torrentFile: string | undefined;
  for (const url of torrentFiles) {
    const verdict = judgeLink(url, allowLocalNetwork);
    if (verdict === 'ok') {
      torrentFile = new URL(url).toString();
      break;
    }
    refused ??= verdict === 'invalid' ? 'no-torrent' : verdict;
  }

  let magnet: { uri: string; hash: string } | undefined;
  let badHash = item.infoHash !== undefined && hashOf(item.infoHash) === undefined;
  for (const uri of magnets) {
    const checked = checkedMagnet(uri);
    if (checked === 'bad-hash') badHash = true;
    else {
      magnet = checked;
      break;
    }
  }
  const statedHash = hashOf(item.infoHash) ?? magnet?.hash;
  // a stated hash that contradicts the magnet is a broken item: which one would play is unknown
  if (magnet !== undefined && statedHash !== magnet.hash) return { ok: false, why: 'bad-hash' };

  if (statedHash === undefined && torrentFile === undefined) {
    return { ok: false, why: badHash ? 'bad-hash' : (refused ?? 'no-torrent') };
  }

  const rawName = plainText(item.title, 300) || plainText(item.guid, 300);
  const release = readReleaseName(rawName);
  const dn = magnet
    ? new URLSearchParams(magnet.uri.slice(magnet.uri.indexOf('?') + 1)).get('dn')
    : null;
  const name = release.name || plainText(dn ?? '', 300);
  if (name === '') return { ok: false, why: 'no-name' };

  let source: string;
  if (statedHash !== undefined) {
    source = magnet?.uri ?? `magnet:?xt=urn:btih:${statedHash}&dn=${encodeURIComponent(name)}`;
    // the .torrent link lets playback start without a peer sending the metadata first
    if (torrentFile !== undefined && !/[?&]xs=/i.test(source)) {
      source += `&xs=${encodeURIComponent(torrentFile)}`;
    }
  } else {
    // checked above: without a hash there is a .torrent link
    source = torrentFile as string;
  }

  const option: PlayOption = { source };
  if (release.label !== undefined) option.label = release.label;
  if (item.sizeBytes !== undefined) option.sizeBytes = item.sizeBytes;
  const peers = item.seeds ?? item.peers;
  if (peers !== undefined) option.peers = peers;

  const title: Title = {
    id:
      statedHash !== undefined ? `rss:${statedHash}` : stableId(item.guid ?? torrentFile ?? source),
    kind: 'film',
    name,
    source,
    options: [option],
  };
  if (release.year !== undefined) title.year = release.year;
  const described = (item.description ?? '').replace(/magnet:\?[^\s"'<>]*/gi, ' ');
  const synopsis = plainText(described, 2000);
  if (synopsis !== '') title.synopsis = synopsis;
  const released = isoDate(item.published);
  if (released !== undefined) title.released = released;
  return { ok: true, title, ...(statedHash !== undefined ? { infoHash: statedHash } : {}) };
}
