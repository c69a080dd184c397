// The 'm3u' source kind: an M3U/M3U8 channel list becomes direct channels (played through the
// engine's relay, never by the window itself), with the list's XMLTV guide named on each channel.
// Only http(s) streams are kept; addresses on the local network only when the user allows them.
import { createHash } from 'node:crypto';
import type { CatalogProblem, Channel } from '../../../../../shared/domain.js';
import { isPrivateAddressUrl } from '../../../torrent/private-address.js';
import type { LoadedSource, SourceAdapter, SourceContext } from '../source-adapter.js';
import { parseM3u, type M3uEntry } from './m3u-parse.js';

/** Lists are text; even 10,000 channels stay well under this. */
const MAX_LIST_BYTES = 8 * 1024 * 1024;
const MAX_NAME = 300;
const MAX_GROUP = 200;

const hash = (text: string, length: number): string =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/** An absolute http(s) URL with no spaces, or undefined. */
export function webUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 4096) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export const m3uAdapter: SourceAdapter = {
  kind: 'm3u',
  recognises: (address) => /\.m3u8?(?:[?#].*)?$/i.test(address.trim()),
  load: async (address, context) => {
    const text = await context.fetchText(address, { maxBytes: MAX_LIST_BYTES });
    return channelsFromM3u(text, address, context);
  },
};

/** The list's entries as channels; what cannot be played here is said in plain words. */
export function channelsFromM3u(
  text: string,
  address: string,
  context: Pick<SourceContext, 'allowLocalNetwork'>,
): LoadedSource {
  const list = parseM3u(text);
  const name = nameOf(address);
  const problems: CatalogProblem[] = list.problems.map((message) => ({ catalog: name, message }));
  const report = (entry: string, message: string): void => {
    if (problems.length < 100) problems.push({ catalog: name, entry, message });
  };
  if (!list.hasHeader && list.entries.length === 0) {
    problems.push({ catalog: name, message: 'This is not a channel list (no #EXTM3U line).' });
  }
  const allowLocal = context.allowLocalNetwork();
  const usable = (url: string | undefined): string | undefined =>
    url !== undefined && (allowLocal || !isPrivateAddressUrl(url)) ? url : undefined;
  const guide = list.guideUrls.map((u) => usable(webUrl(u))).find((u) => u !== undefined);
  const prefix = `m3u-${hash(address, 8)}`;
  const seen = new Set<string>();
  const channels: Channel[] = [];
  for (const entry of list.entries) {
    const url = webUrl(entry.url);
    if (url === undefined) {
      report(entry.name, 'Left out: its stream address is not an http or https link.');
      continue;
    }
    if (usable(url) === undefined) {
      report(
        entry.name,
        'Left out: its stream is on this computer or the local network, which is not allowed (Settings).',
      );
      continue;
    }
    const id = `${prefix}-${hash(url, 16)}`;
    if (seen.has(id)) {
      report(entry.name, 'Left out: the same stream is listed twice.');
      continue;
    }
    seen.add(id);
    channels.push(toChannel(entry, id, url, guide, usable));
  }
  return { name, titles: [], channels, problems };
}

function toChannel(
  entry: M3uEntry,
  id: string,
  url: string,
  guide: string | undefined,
  usable: (url: string | undefined) => string | undefined,
): Channel {
  const logo = usable(webUrl(entry.logo));
  return {
    id,
    name: entry.name.slice(0, MAX_NAME),
    direct: { url },
    ...(logo ? { logo } : {}),
    ...(entry.group ? { group: entry.group.slice(0, MAX_GROUP) } : {}),
    ...(entry.tvgId && entry.tvgId.length <= 300 ? { tvgId: entry.tvgId } : {}),
    ...(guide && entry.tvgId ? { guide } : {}),
  };
}

/** The list's file name, for the Sources page until a better name is known. */
function nameOf(address: string): string {
  const path = address.split(/[?#]/, 1)[0] ?? address;
  const last = path.split(/[\\/]/).filter(Boolean).pop();
  return (last ?? address).slice(0, 300);
}
