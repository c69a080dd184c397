// Reads the Internet Archive's advanced-search answer into film titles. Every field is checked for
// its type (the Archive returns a string or a list for the same field); markup becomes text.
import type { Title } from '../../../../../shared/domain.js';
import { SourceError } from '../../catalog-source.js';
import { plainText } from '../plain-text.js';
import { IDENTIFIER } from './archive-address.js';

export interface ArchiveAnswer {
  /** how many items the search found, and how many of them the answer lists */
  found: number;
  listed: number;
  titles: Title[];
  /** entries without a usable identifier or title */
  leftOut: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field as a list of strings, whether the Archive sent one value or several. */
function values(raw: unknown, max = 50): string[] {
  const list = Array.isArray(raw) ? raw.slice(0, max) : [raw];
  return list
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(String);
}

const first = (raw: unknown): string | undefined => values(raw, 1)[0];

function yearOf(raw: unknown): number | undefined {
  const match = /^\s*(\d{4})/.exec(first(raw) ?? '');
  const year = match ? Number(match[1]) : NaN;
  return year >= 1870 && year <= 2200 ? year : undefined;
}

/** "1:36:22", "96:10", "96 min", "96" → minutes. */
function minutesOf(raw: unknown): number | undefined {
  const text = (first(raw) ?? '').trim().slice(0, 40);
  const clock = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(text);
  let minutes: number | undefined;
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3]];
    minutes = c === undefined ? a + b / 60 : a * 60 + b + Number(c) / 60;
  } else {
    const plain = /^(\d{1,5})(?:\s*(?:min|mins|minutes|m))?\.?$/i.exec(text);
    if (plain) minutes = Number(plain[1]);
  }
  return minutes !== undefined && minutes > 0 && minutes <= 10_000
    ? Math.round(minutes)
    : undefined;
}

/** A short licence name from its Creative Commons link, else the link itself. */
function licenceOf(raw: unknown): string | undefined {
  const url = first(raw)?.trim();
  if (url === undefined || url === '') return undefined;
  const lower = url.toLowerCase();
  if (lower.includes('/publicdomain/mark/')) return 'Public domain';
  if (lower.includes('/publicdomain/zero/')) return 'CC0';
  const cc = /creativecommons\.org\/licenses\/([a-z-]+)\/(\d\.\d)/.exec(lower);
  if (cc) return `CC ${(cc[1] ?? '').toUpperCase()} ${cc[2]}`;
  return plainText(url, 200) || undefined;
}

function genresOf(raw: unknown): string[] {
  const out: string[] = [];
  for (const value of values(raw)) {
    for (const part of value.split(/[;,]/)) {
      const genre = plainText(part, 60);
      if (genre !== '' && !out.some((g) => g.toLowerCase() === genre.toLowerCase()))
        out.push(genre);
      if (out.length === 20) return out;
    }
  }
  return out;
}

function titleOf(doc: Record<string, unknown>, base: string): Title | undefined {
  const id = first(doc.identifier);
  if (id === undefined || !IDENTIFIER.test(id)) return undefined;
  const name = plainText(first(doc.title), 300);
  if (name === '') return undefined;
  const title: Title = {
    id: `ia:${id}`,
    kind: 'film',
    name,
    // the Archive regenerates its torrents: the identifier is kept, never a pinned info hash
    source: `${base}/download/${id}/${id}_archive.torrent`,
    poster: `${base}/services/img/${id}`,
  };
  const year = yearOf(doc.year);
  if (year !== undefined) title.year = year;
  const synopsis = plainText(values(doc.description, 20).join('\n'), 2000);
  if (synopsis !== '') title.synopsis = synopsis;
  const genres = genresOf(doc.subject);
  if (genres.length > 0) title.genres = genres;
  const minutes = minutesOf(doc.runtime);
  if (minutes !== undefined) title.durationMinutes = minutes;
  const licence = licenceOf(doc.licenseurl);
  if (licence !== undefined) title.licence = licence;
  const creator = plainText(values(doc.creator, 5).join(', '), 400);
  title.credit = creator === '' ? 'Internet Archive' : `${creator} (Internet Archive)`;
  return title;
}

/** Parses the JSON text; throws SourceError when it is not a search answer at all. */
export function readArchiveAnswer(text: string, base: string): ArchiveAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SourceError('the Internet Archive answer is not valid JSON');
  }
  const response = isRecord(raw) ? raw.response : undefined;
  if (!isRecord(response) || !Array.isArray(response.docs)) {
    throw new SourceError('the Internet Archive answer is not a list of search results');
  }
  const answer: ArchiveAnswer = { found: 0, listed: response.docs.length, titles: [], leftOut: 0 };
  const seen = new Set<string>();
  for (const doc of response.docs) {
    const title = isRecord(doc) ? titleOf(doc, base) : undefined;
    if (title === undefined) answer.leftOut += 1;
    else if (!seen.has(title.id)) {
      seen.add(title.id);
      answer.titles.push(title);
    }
  }
  const found = Number(response.numFound);
  answer.found = Number.isSafeInteger(found) && found >= 0 ? found : response.docs.length;
  return answer;
}
