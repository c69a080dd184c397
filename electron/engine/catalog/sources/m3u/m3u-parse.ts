// Reads the text of an M3U/M3U8 channel list (#EXTM3U, #EXTINF with attributes, the stream URL
// line) into plain entries. It only reads text: it never fetches, never decides what is allowed,
// and keeps every name as text (markup stays characters, never HTML).

export interface M3uEntry {
  /** the display name after the comma (or tvg-name when that is empty) */
  name: string;
  /** the URL line, trimmed, as written */
  url: string;
  /** #EXTINF's duration: -1 for live */
  duration: number;
  tvgId?: string;
  tvgName?: string;
  logo?: string;
  group?: string;
}

export interface M3uList {
  /** guide addresses named by the header (url-tvg / x-tvg-url, comma-separated) */
  guideUrls: string[];
  entries: M3uEntry[];
  /** lines or entries left out, in plain words (capped) */
  problems: string[];
  /** whether the text began with #EXTM3U */
  hasHeader: boolean;
}

export interface M3uLimits {
  maxEntries?: number;
  maxLineLength?: number;
}

export const DEFAULT_MAX_ENTRIES = 10_000;
/** A stream URL or an #EXTINF line longer than this is not a real entry. */
export const DEFAULT_MAX_LINE = 8192;
const MAX_PROBLEMS = 50;
const MAX_ATTRIBUTE = 4096;

/** `key="value"` pairs; keys are lower-cased; a key seen twice keeps its first value. */
export function readAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([A-Za-z][A-Za-z0-9_-]{0,63})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s,"']+))/g;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (!attrs.has(key) && value.length <= MAX_ATTRIBUTE) attrs.set(key, value);
  }
  return attrs;
}

/**
 * Splits `#EXTINF:<duration> <attrs>,<name>` at the first comma that is outside quotes: a
 * group-title may hold commas, the display name may too.
 */
function splitExtinf(body: string): { head: string; name: string } {
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') return { head: body.slice(0, i), name: body.slice(i + 1) };
  }
  return { head: body, name: '' };
}

const clean = (text: string | undefined): string | undefined => {
  // control characters are never part of a name; whitespace runs become one space
  const value = text
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    ?.replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return value === undefined || value === '' ? undefined : value;
};

export function parseM3u(text: string, limits: M3uLimits = {}): M3uList {
  const maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const maxLine = limits.maxLineLength ?? DEFAULT_MAX_LINE;
  const list: M3uList = { guideUrls: [], entries: [], problems: [], hasHeader: false };
  const note = (message: string): void => {
    if (list.problems.length < MAX_PROBLEMS) list.problems.push(message);
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  let pending: { info?: string; group?: string } = {};
  let overflow = 0;
  let lineNo = 0;
  for (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line === '') continue;
    if (line.length > maxLine) {
      note(`Line ${lineNo} was left out: it is longer than ${maxLine} characters.`);
      pending = {};
      continue;
    }
    if (line.startsWith('#')) {
      const upper = line.slice(0, 12).toUpperCase();
      if (upper.startsWith('#EXTM3U')) {
        if (lineNo === 1) list.hasHeader = true;
        const attrs = readAttributes(line.slice(7));
        for (const key of ['url-tvg', 'x-tvg-url']) {
          for (const url of (attrs.get(key) ?? '').split(',')) {
            const trimmed = url.trim();
            if (trimmed !== '' && !list.guideUrls.includes(trimmed)) list.guideUrls.push(trimmed);
          }
        }
      } else if (upper.startsWith('#EXTINF:')) {
        if (pending.info !== undefined) note(`Line ${lineNo}: an entry had no stream address.`);
        pending = { info: line.slice(8) };
      } else if (upper.startsWith('#EXTGRP:')) {
        pending.group = clean(line.slice(8));
      }
      // #EXTVLCOPT, #KODIPROP and other comments are tolerated and not used
      continue;
    }
    // a URL line: it closes the entry (a bare URL with no #EXTINF is still a channel)
    if (list.entries.length >= maxEntries) {
      overflow++;
      pending = {};
      continue;
    }
    const { head, name } = splitExtinf(pending.info ?? '');
    const attrs = readAttributes(head);
    const duration = Number.parseFloat(head.trim().split(/\s/, 1)[0] ?? '');
    const tvgName = clean(attrs.get('tvg-name'));
    list.entries.push({
      name: clean(name) ?? tvgName ?? line,
      url: line,
      duration: Number.isFinite(duration) ? duration : -1,
      ...(clean(attrs.get('tvg-id')) ? { tvgId: clean(attrs.get('tvg-id')) } : {}),
      ...(tvgName ? { tvgName } : {}),
      ...(clean(attrs.get('tvg-logo')) ? { logo: clean(attrs.get('tvg-logo')) } : {}),
      ...((clean(attrs.get('group-title')) ?? pending.group)
        ? { group: clean(attrs.get('group-title')) ?? pending.group }
        : {}),
    });
    pending = {};
  }
  if (overflow > 0) {
    note(`${overflow} more entries were left out: a list holds at most ${maxEntries} channels.`);
  }
  return list;
}

/**
 * Whether text looks like a channel list even without its #EXTM3U header: the first meaningful
 * line is an #EXTINF or a URL.
 */
export function looksLikeM3u(text: string): boolean {
  const start = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 64)
    .toUpperCase();
  return start.startsWith('#EXTM3U') || start.startsWith('#EXTINF:');
}
