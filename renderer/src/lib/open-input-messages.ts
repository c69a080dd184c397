// Translates the shared parser's reasons (plain English) into the window's language. Unknown
// reasons fall back to the parser's own words, so nothing is ever hidden.
import type { TFunction } from 'i18next';

const KEYS: Record<string, string> = {
  'Paste a magnet link, an info hash or a .torrent link.': 'open.reasons.empty',
  'That text is too long to be a magnet link.': 'open.reasons.tooLong',
  'That web address is not valid.': 'open.reasons.badUrl',
  'This is not a magnet link, an info hash or a .torrent link.': 'open.reasons.unknown',
  'This magnet link has broken characters in it.': 'open.reasons.badEscape',
  'This magnet link has no BitTorrent info hash (xt=urn:btih:…).': 'open.reasons.noHash',
  'The info hash in this magnet link is not valid.': 'open.reasons.badHash',
};

export function translateOpenReason(reason: string, t: TFunction): string {
  const key = KEYS[reason];
  return key ? t(key) : reason;
}
