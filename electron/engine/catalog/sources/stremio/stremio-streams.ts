// Turns a Stremio stream answer into the ways this app can play a title: torrents (an info hash,
// a magnet, a .torrent link). Everything else (web pages, YouTube, Usenet, archives, plain video
// links) is counted and said in plain words, never silently dropped and never opened.
import { MAX_PLAY_OPTIONS, type LeftOut, type PlayOption } from '../../../../../shared/domain.js';
import { isPrivateAddressUrl } from '../../../torrent/private-address.js';
import type { PlayOptionsAnswer } from '../source-adapter.js';
import { streamSchema, type StremioStream } from './stremio-schemas.js';

const MAX_TRACKERS = 20;
const TRACKER_PROTOCOLS = /^(udp|https?|wss?):\/\//i;

type Skip = LeftOut['reason'];

const SKIP_WORDS: Record<Skip, (n: number) => string> = {
  direct: (n) =>
    `${n} direct video link${n === 1 ? ' was' : 's were'} left out (not P2P; this app plays torrents).`,
  youtube: (n) => `${n} YouTube video${n === 1 ? ' was' : 's were'} left out.`,
  'web-page': (n) =>
    `${n} link${n === 1 ? '' : 's'} to a web page ${n === 1 ? 'was' : 'were'} left out.`,
  usenet: (n) => `${n} Usenet download${n === 1 ? ' was' : 's were'} left out.`,
  archive: (n) =>
    `${n} compressed archive${n === 1 ? ' was' : 's were'} left out (RAR, ZIP and the like).`,
  private: (n) =>
    `${n} link${n === 1 ? '' : 's'} to a private network address ${n === 1 ? 'was' : 'were'} left out (the local network is not allowed in Settings).`,
  unreadable: (n) =>
    `${n} entr${n === 1 ? 'y' : 'ies'} could not be read and ${n === 1 ? 'was' : 'were'} left out.`,
  'too-many': (n) =>
    `${n} more way${n === 1 ? '' : 's'} to play ${n === 1 ? 'was' : 'were'} left out (at most ${MAX_PLAY_OPTIONS} are listed).`,
};

/** The streams as play options (in the add-on's order, which is its preference) and what was left out. */
export function mapStreams(
  rawStreams: unknown[],
  opts: { allowLocal: boolean; displayName: string },
): PlayOptionsAnswer {
  const options: PlayOption[] = [];
  const skipped = new Map<Skip, number>();
  const skip = (why: Skip) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
  const seen = new Set<string>();

  for (const raw of rawStreams) {
    const parsed = streamSchema.safeParse(raw);
    if (!parsed.success) {
      skip('unreadable');
      continue;
    }
    const result = toOption(parsed.data, opts);
    if (typeof result === 'string') {
      skip(result);
      continue;
    }
    const key = `${result.source}#${result.fileIndex ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (options.length >= MAX_PLAY_OPTIONS) skip('too-many');
    else options.push(result);
  }
  const leftOut = [...skipped.entries()].map(([reason, count]) => ({ reason, count }));
  const ignored = leftOut.map(({ reason, count }) => SKIP_WORDS[reason](count));
  return { options, ignored, ...(leftOut.length > 0 ? { leftOut } : {}) };
}

function toOption(
  stream: StremioStream,
  opts: { allowLocal: boolean; displayName: string },
): PlayOption | Skip {
  let option: PlayOption;
  if (stream.infoHash) {
    const hash = stream.infoHash.toLowerCase();
    if (!/^[0-9a-f]{40}$/.test(hash)) return 'unreadable';
    option = { source: magnetOf(hash, stream, opts) };
  } else if (stream.url) {
    const located = urlOption(stream.url, opts.allowLocal);
    if (typeof located === 'string') return located;
    option = located;
  } else if (stream.ytId !== undefined) return 'youtube';
  else if (stream.externalUrl !== undefined) return 'web-page';
  else if (stream.nzbUrl !== undefined) return 'usenet';
  else if (
    [stream.rarUrls, stream.zipUrls, stream['7zipUrls'], stream.tgzUrls, stream.tarUrls].some(
      (v) => v !== undefined,
    )
  )
    return 'archive';
  else return 'unreadable';

  if (stream.fileIdx !== undefined && Number.isInteger(stream.fileIdx) && stream.fileIdx >= 0)
    option.fileIndex = Math.min(stream.fileIdx, 1_000_000);
  const fileName = stream.behaviorHints?.filename;
  if (fileName) option.fileName = fileName;
  const label = labelOf(stream);
  if (label) option.label = label;
  const size = stream.behaviorHints?.videoSize;
  if (size !== undefined && Number.isSafeInteger(size) && size > 0) option.sizeBytes = size;
  const peers = peersOf(stream);
  if (peers !== undefined) option.peers = peers;
  return option;
}

/** A magnet for the info hash, with the add-on's trackers (`tracker:` sources); `dht:` adds nothing. */
function magnetOf(
  hash: string,
  stream: StremioStream,
  opts: { allowLocal: boolean; displayName: string },
): string {
  const params = [`xt=urn:btih:${hash}`, `dn=${encodeURIComponent(opts.displayName)}`];
  let trackers = 0;
  for (const source of stream.sources ?? []) {
    if (trackers >= MAX_TRACKERS || typeof source !== 'string') continue;
    if (!source.startsWith('tracker:')) continue;
    const tracker = source.slice('tracker:'.length).trim();
    if (!TRACKER_PROTOCOLS.test(tracker) || tracker.length > 500) continue;
    // the engine refuses private trackers too; leaving them out keeps the magnet honest
    if (!opts.allowLocal && isPrivateAddressUrl(tracker)) continue;
    params.push(`tr=${encodeURIComponent(tracker)}`);
    trackers += 1;
  }
  return `magnet:?${params.join('&')}`;
}

/** A magnet or a .torrent link is playable; a plain http(s) video link is not P2P. */
function urlOption(raw: string, allowLocal: boolean): PlayOption | Skip {
  if (/^magnet:\?/i.test(raw)) return /xt=urn:btih:/i.test(raw) ? { source: raw } : 'unreadable';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'unreadable';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'direct';
  if (!url.pathname.toLowerCase().endsWith('.torrent')) return 'direct';
  if (!allowLocal && isPrivateAddressUrl(url.toString())) return 'private';
  return { source: url.toString() };
}

/** "Add-on 1080p · Release.Name.1080p": the name (often the quality) and the title's first line. */
function labelOf(stream: StremioStream): string | undefined {
  const name = stream.name?.replace(/\s+/g, ' ').trim();
  const detail = firstLine(stream.title ?? stream.description);
  const label = [name, detail].filter((part): part is string => !!part).join(' · ');
  return label ? label.slice(0, 200) : undefined;
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/)[0]?.trim();
  return line || undefined;
}

/** Many add-ons write the seeders as "👤 12" in the title or description. */
function peersOf(stream: StremioStream): number | undefined {
  const match = /👤\s*(\d{1,7})/u.exec(`${stream.title ?? ''} ${stream.description ?? ''}`);
  return match ? Number(match[1]) : undefined;
}
