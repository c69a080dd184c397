// Reads an XMLTV guide into the programmes of the channels we list, within a time window. XML
// entities are never expanded (no DOCTYPE tricks); only the five standard ones and character
// references are decoded, once. Titles stay plain text, never HTML.
import { XMLParser } from 'fast-xml-parser';
import type { GuideProgramme } from '../../../../../shared/domain.js';
import { parseXmltvTime } from './xmltv-time.js';

export interface XmltvWindow {
  /** the XMLTV channel ids wanted (M3U tvg-id) */
  channelIds: ReadonlySet<string>;
  /** programmes ending before this or starting after `to` are dropped (ms since epoch) */
  from: number;
  to: number;
}

export const MAX_PROGRAMMES_PER_CHANNEL = 500;
const MAX_TITLE = 500;
const MAX_DESCRIPTION = 2000;

const ARRAYS = new Set(['programme', 'title', 'desc', 'sub-title']);

function parser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // entity expansion is the classic XML bomb: off, decoded by hand below
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // XMLTV is three levels deep; anything much deeper is not a guide
    maxNestedTags: 64,
    isArray: (name) => ARRAYS.has(name),
  });
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** One pass, so "&amp;lt;" stays "&lt;" as written; unknown entities stay as they are. */
export function decodeXmlText(text: string): string {
  return text.replace(ENTITY, (whole, name?: string, dec?: string, hex?: string) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

/** The text of an element that may be a string or { '#text', '@_lang' }, first one only. */
function textOf(value: unknown, max: number): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const raw =
    typeof first === 'string'
      ? first
      : typeof first === 'object' && first !== null && '#text' in first
        ? String((first as { '#text': unknown })['#text'])
        : undefined;
  if (raw === undefined) return undefined;
  const text = decodeXmlText(raw)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
  return text === '' ? undefined : text.slice(0, max);
}

export interface XmltvResult {
  programmes: Map<string, GuideProgramme[]>;
  /** programmes dropped for a time that cannot be read */
  badTimes: number;
}

/** Throws Error (plain words) when the text is not XML at all or not a guide. */
export function parseXmltv(text: string, window: XmltvWindow): XmltvResult {
  let doc: unknown;
  try {
    doc = parser().parse(text);
  } catch {
    throw new Error('the guide is not valid XML');
  }
  const tv = (doc as { tv?: unknown } | undefined)?.tv;
  if (typeof tv !== 'object' || tv === null) throw new Error('the guide has no <tv> element');
  const raw = (tv as { programme?: unknown }).programme;
  const list: unknown[] = Array.isArray(raw) ? raw : [];
  const programmes = new Map<string, GuideProgramme[]>();
  let badTimes = 0;
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const p = item as Record<string, unknown>;
    const channel = p['@_channel'];
    if (typeof channel !== 'string' || !window.channelIds.has(channel)) continue;
    const start = parseXmltvTime(p['@_start']);
    const end = parseXmltvTime(p['@_stop']);
    if (start === undefined || (p['@_stop'] !== undefined && end === undefined)) {
      badTimes++;
      continue;
    }
    // a programme without a stop time lasts until the next one (fixed below)
    const stop = end ?? Number.NaN;
    if (!Number.isNaN(stop) && (stop <= start || stop < window.from)) continue;
    if (start > window.to) continue;
    const title = textOf(p.title, MAX_TITLE);
    if (title === undefined) continue;
    const description = textOf(p.desc, MAX_DESCRIPTION);
    const entries = programmes.get(channel) ?? [];
    if (entries.length >= MAX_PROGRAMMES_PER_CHANNEL) continue;
    entries.push({ title, start, end: stop, ...(description ? { description } : {}) });
    programmes.set(channel, entries);
  }
  for (const [channel, entries] of programmes) {
    entries.sort((a, b) => a.start - b.start);
    entries.forEach((entry, i) => {
      if (Number.isNaN(entry.end)) entry.end = entries[i + 1]?.start ?? entry.start + 3_600_000;
    });
    programmes.set(
      channel,
      entries.filter((e) => e.end > window.from && e.end > e.start),
    );
  }
  return { programmes, badTimes };
}

/** The programme on now and the one after it, from a channel's sorted programmes. */
export function nowAndNext(
  entries: readonly GuideProgramme[] | undefined,
  now: number,
): { now?: GuideProgramme; next?: GuideProgramme } {
  if (!entries) return {};
  const index = entries.findIndex((e) => e.start <= now && now < e.end);
  if (index >= 0) {
    const next = entries[index + 1];
    return { now: entries[index], ...(next ? { next } : {}) };
  }
  const next = entries.find((e) => e.start > now);
  return next ? { next } : {};
}
