// Finding titles on the shelf: an index built once per catalog and language, then search as you
// type (accent- and case-insensitive, every name and translation, year, genres, people), filters
// and sorting. Pure data in, ids out: never touches the page, so it is tested on its own.
import type { Title } from '../../../shared/domain';
import { catalogText } from './catalog-text';

export type KindFilter = 'all' | 'film' | 'series';
export type SortOrder = 'relevance' | 'name' | 'year' | 'added';

export interface ShelfQuery {
  text: string;
  kind: KindFilter;
  /** a genre as the catalog spells it; '' = every genre */
  genre: string;
  /** the first year of a decade (1990 = the 1990s); null = any year */
  decade: number | null;
  sort: SortOrder;
}

export const EMPTY_QUERY: ShelfQuery = {
  text: '',
  kind: 'all',
  genre: '',
  decade: null,
  sort: 'relevance',
};

interface Entry {
  title: Title;
  /** where the catalogs list it: sources list their newest first, so this is "recently added" */
  order: number;
  /** the name shown in this language, folded */
  shown: string;
  /** every other name (original, each translation), folded, space-separated */
  names: string;
  /** year, genres, cast and directors, folded */
  rest: string;
  genres: string[];
  /** place in name order; worked out on the first search that needs it (see nameRanks) */
  nameRank: number;
}

export interface ShelfIndex {
  entries: Entry[];
  /** every genre on the shelf, sorted for a menu */
  genres: string[];
  /** every decade on the shelf, newest first */
  decades: number[];
  collator: Intl.Collator;
  /** whether nameRank is set yet: sorting 10,000 names takes a moment, so only when asked */
  ranked: boolean;
}

/** Lower case, accents off ("Amélie" → "amelie"), anything not a letter or digit becomes a space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function buildShelfIndex(titles: readonly Title[], language: string): ShelfIndex {
  const genres = new Map<string, string>();
  const decades = new Set<number>();
  const entries = titles.map((title, order): Entry => {
    const shown = fold(catalogText(title, language).name);
    const others = [title.name, ...Object.values(title.translations ?? {}).map((t) => t.name)];
    for (const genre of title.genres ?? [])
      if (!genres.has(fold(genre))) genres.set(fold(genre), genre);
    if (title.year !== undefined) decades.add(Math.floor(title.year / 10) * 10);
    const rest = [
      title.year === undefined ? '' : String(title.year),
      ...(title.genres ?? []),
      ...(title.cast ?? []),
      ...(title.directors ?? []),
    ];
    return {
      title,
      order,
      shown,
      names: fold(others.filter((n): n is string => n !== undefined).join(' ')),
      rest: fold(rest.join(' ')),
      genres: (title.genres ?? []).map(fold),
      nameRank: 0,
    };
  });
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return {
    entries,
    genres: [...genres.values()].sort(collator.compare),
    decades: [...decades].sort((a, b) => b - a),
    collator,
    ranked: false,
  };
}

/**
 * How well the words match, 0 = not at all. Every word must be found somewhere; a whole word
 * beats the start of one, which beats the inside of one; the shown name counts most, then the
 * other names, then year, genres and people; a name that starts with the query comes first.
 */
function score(entry: Entry, words: string[], phrase: string): number {
  let total = 0;
  for (const word of words) {
    const best = Math.max(
      10 * findWord(entry.shown, word),
      6 * findWord(entry.names, word),
      2 * findWord(entry.rest, word),
    );
    if (best === 0) return 0;
    total += best;
  }
  if (entry.shown === phrase) total += 100;
  else if (entry.shown.startsWith(phrase)) total += 40;
  return total;
}

/** 3 = a whole word, 2 = the start of a word, 1 = inside a word, 0 = absent. */
function findWord(haystack: string, word: string): number {
  let at = haystack.indexOf(word);
  if (at < 0) return 0;
  let best = 1;
  while (at >= 0 && best < 3) {
    const starts = at === 0 || haystack[at - 1] === ' ';
    if (starts) {
      const end = at + word.length;
      best = Math.max(best, end === haystack.length || haystack[end] === ' ' ? 3 : 2);
    }
    at = haystack.indexOf(word, at + 1);
  }
  return best;
}

/** Longer queries are cut here: no title name is longer, and a pasted page must not stall typing. */
export const MAX_QUERY_CHARS = 200;
const MAX_WORDS = 12;

/** The titles the query asks for, in its order. */
export function searchShelf(index: ShelfIndex, query: ShelfQuery): Title[] {
  const phrase = fold(query.text.slice(0, MAX_QUERY_CHARS));
  const words = phrase === '' ? [] : [...new Set(phrase.split(' '))].slice(0, MAX_WORDS);
  const genre = fold(query.genre);
  const hits: { entry: Entry; score: number }[] = [];
  for (const entry of index.entries) {
    const { title } = entry;
    if (query.kind !== 'all' && title.kind !== query.kind) continue;
    if (genre !== '' && !entry.genres.includes(genre)) continue;
    if (query.decade !== null) {
      if (title.year === undefined || Math.floor(title.year / 10) * 10 !== query.decade) continue;
    }
    const points = words.length === 0 ? 1 : score(entry, words, phrase);
    if (points > 0) hits.push({ entry, score: points });
  }
  const sort = query.sort === 'relevance' && words.length === 0 ? 'added' : query.sort;
  if (sort !== 'added') rankNames(index);
  // a number compare per pair: the language-aware order was worked out once, not per search
  const byName = (a: Entry, b: Entry) => a.nameRank - b.nameRank;
  hits.sort((x, y) => {
    const a = x.entry;
    const b = y.entry;
    switch (sort) {
      case 'relevance':
        return y.score - x.score || byName(a, b);
      case 'name':
        return byName(a, b);
      case 'year':
        // newest first; titles without a year last
        return (b.title.year ?? -Infinity) - (a.title.year ?? -Infinity) || byName(a, b);
      case 'added':
        return a.order - b.order;
    }
  });
  return hits.map((h) => h.entry.title);
}

/** Works out the name order once; searching does it when first needed, or call it when idle. */
export function rankNames(index: ShelfIndex): void {
  if (index.ranked) return;
  const ordered = [...index.entries].sort(
    (a, b) => index.collator.compare(a.shown, b.shown) || a.order - b.order,
  );
  ordered.forEach((entry, rank) => (entry.nameRank = rank));
  index.ranked = true;
}

/** Whether the query narrows the shelf at all (the window then says how many titles match). */
export function isFiltering(query: ShelfQuery): boolean {
  return (
    fold(query.text) !== '' || query.kind !== 'all' || query.genre !== '' || query.decade !== null
  );
}
