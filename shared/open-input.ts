// Turns what a user pastes (magnet link, info hash, .torrent URL) into a torrent source, strictly.
// Shared by the window's open dialog and the command-line parser so both accept the same things.
import type { TorrentSource } from './domain.js';

/** Why a text was refused; the window translates the code, the reason is the English wording. */
export type OpenInputProblem =
  'empty' | 'too-long' | 'bad-url' | 'bad-escape' | 'no-hash' | 'bad-hash' | 'unknown';

export type ParsedInput =
  { ok: true; source: TorrentSource } | { ok: false; problem: OpenInputProblem; reason: string };

const REASONS: Record<OpenInputProblem, string> = {
  empty: 'Paste a magnet link, an info hash or a .torrent link.',
  'too-long': 'That text is too long to be a magnet link.',
  'bad-url': 'That web address is not valid.',
  'bad-escape': 'This magnet link has broken characters in it.',
  'no-hash': 'This magnet link has no BitTorrent info hash (xt=urn:btih:…).',
  'bad-hash': 'The info hash in this magnet link is not valid.',
  unknown: 'This is not a magnet link, an info hash or a .torrent link.',
};

const refuse = (problem: OpenInputProblem): ParsedInput => ({
  ok: false,
  problem,
  reason: REASONS[problem],
});

const HEX_HASH = /^[0-9a-fA-F]{40}$/;
const BASE32_HASH = /^[A-Za-z2-7]{32}$/;

export function parseOpenInput(raw: string): ParsedInput {
  const text = raw.trim();
  if (text === '') return refuse('empty');
  if (text.length > 8192) return refuse('too-long');
  if (HEX_HASH.test(text) || BASE32_HASH.test(text)) {
    return { ok: true, source: { kind: 'magnet', uri: `magnet:?xt=urn:btih:${text}` } };
  }
  if (/^magnet:/i.test(text)) return parseMagnet(text);
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      return { ok: true, source: { kind: 'url', url: url.toString() } };
    } catch {
      return refuse('bad-url');
    }
  }
  return refuse('unknown');
}

function parseMagnet(text: string): ParsedInput {
  let params: URLSearchParams;
  try {
    // decodeURIComponent throws on bad escapes such as %E0%A4%A
    decodeURIComponent(text);
    params = new URLSearchParams(text.slice(text.indexOf('?') + 1));
  } catch {
    return refuse('bad-escape');
  }
  const hashes = params
    .getAll('xt')
    .filter((xt) => /^urn:btih:/i.test(xt))
    .map((xt) => xt.slice('urn:btih:'.length));
  if (hashes.length === 0) {
    return refuse('no-hash');
  }
  if (!hashes.every((h) => HEX_HASH.test(h) || BASE32_HASH.test(h))) {
    return refuse('bad-hash');
  }
  return { ok: true, source: { kind: 'magnet', uri: text } };
}

/** The lower-case hex info hash of a magnet's first btih, or undefined. */
export function magnetInfoHash(uri: string): string | undefined {
  const match = /xt=urn:btih:([0-9a-zA-Z]+)/i.exec(uri);
  const hash = match?.[1];
  if (!hash) return undefined;
  if (HEX_HASH.test(hash)) return hash.toLowerCase();
  if (BASE32_HASH.test(hash)) return base32ToHex(hash);
  return undefined;
}

function base32ToHex(text: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  let hex = '';
  for (let i = 0; i + 4 <= bits.length; i += 4)
    hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}
