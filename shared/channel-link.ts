// Reads and writes live channel links (`essaim-live:?pk=…&origin=…&tr=…&dn=…`), strictly. A link
// names a channel by its public key; everything else in it is a hint. Never touches the network.

/** A channel's public key: 32 raw ed25519 bytes in base64url (43 characters, no padding). */
export const CHANNEL_KEY = /^[A-Za-z0-9_-]{43}$/;
export const CHANNEL_LINK_PREFIX = 'essaim-live:';
const MAX_LINK_LENGTH = 4096;
const MAX_TRACKERS = 8;

export interface ChannelLink {
  publicKey: string;
  /** http(s) base URL of the broadcaster's origin: manifest and segments, the fallback source */
  origin: string;
  trackers: string[];
  name?: string;
}

export type ChannelLinkProblem = 'not-a-channel' | 'bad-key' | 'bad-origin' | 'bad-tracker';
export type ParsedChannelLink =
  { ok: true; link: ChannelLink } | { ok: false; problem: ChannelLinkProblem; reason: string };

const REASONS: Record<ChannelLinkProblem, string> = {
  'not-a-channel': 'This is not a channel link.',
  'bad-key': 'The key in this channel link is not valid.',
  'bad-origin': 'This channel link has no valid web address (origin=http…).',
  'bad-tracker': 'A tracker in this channel link is not a valid web address.',
};

export function isChannelLinkText(text: string): boolean {
  return text.trim().toLowerCase().startsWith(CHANNEL_LINK_PREFIX);
}

export function parseChannelLink(raw: string): ParsedChannelLink {
  const text = raw.trim();
  const refuse = (problem: ChannelLinkProblem): ParsedChannelLink => ({
    ok: false,
    problem,
    reason: REASONS[problem],
  });
  if (!isChannelLinkText(text) || text.length > MAX_LINK_LENGTH) return refuse('not-a-channel');
  let params: URLSearchParams;
  try {
    decodeURIComponent(text);
    params = new URLSearchParams(text.slice(text.indexOf('?') + 1));
  } catch {
    return refuse('not-a-channel');
  }
  const publicKey = params.get('pk') ?? '';
  if (!CHANNEL_KEY.test(publicKey)) return refuse('bad-key');
  const origin = webUrl(params.get('origin') ?? '');
  if (origin === undefined) return refuse('bad-origin');
  const trackers: string[] = [];
  for (const tr of params.getAll('tr').slice(0, MAX_TRACKERS)) {
    const url = trackerUrl(tr);
    if (url === undefined) return refuse('bad-tracker');
    trackers.push(url);
  }
  const name = params.get('dn')?.slice(0, 300) || undefined;
  return { ok: true, link: { publicKey, origin: origin.replace(/\/+$/, ''), trackers, name } };
}

export function formatChannelLink(link: ChannelLink): string {
  const parts = [`pk=${link.publicKey}`, `origin=${encodeURIComponent(link.origin)}`];
  for (const tr of link.trackers) parts.push(`tr=${encodeURIComponent(tr)}`);
  if (link.name) parts.push(`dn=${encodeURIComponent(link.name)}`);
  return `${CHANNEL_LINK_PREFIX}?${parts.join('&')}`;
}

function webUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function trackerUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return ['http:', 'https:', 'udp:', 'ws:', 'wss:'].includes(url.protocol)
      ? url.toString()
      : undefined;
  } catch {
    return undefined;
  }
}
