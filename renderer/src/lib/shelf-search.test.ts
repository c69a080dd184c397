// Search, filters and sorting over the shelf, as a user types and chooses.
import { describe, expect, it } from 'vitest';
import type { Title } from '../../../shared/domain';
import {
  buildShelfIndex,
  EMPTY_QUERY,
  fold,
  isFiltering,
  searchShelf,
  type ShelfQuery,
} from './shelf-search';

const titles: Title[] = [
  {
    id: 'amelie',
    kind: 'film',
    name: 'Amélie',
    year: 2001,
    genres: ['Comedy', 'Romance'],
    cast: ['Audrey Tautou'],
    directors: ['Jean-Pierre Jeunet'],
    source: 'x',
  },
  {
    id: 'llama',
    kind: 'film',
    name: 'The Stubborn Llama',
    year: 2013,
    genres: ['Animation'],
    translations: { fr: { name: 'Le Lama têtu' } },
    source: 'x',
  },
  {
    id: 'sea',
    kind: 'series',
    name: 'Sea Stories',
    year: 1994,
    genres: ['Documentary'],
    translations: { fr: { name: 'Histoires de la mer' } },
    episodes: [{ id: 'sea-1', season: 1, episode: 1, name: 'Waves', source: 'x' }],
  },
  { id: 'noyear', kind: 'film', name: 'Untimed', source: 'x' },
  {
    id: 'llama2',
    kind: 'film',
    name: 'Llamas Again',
    year: 2020,
    genres: ['animation'],
    source: 'x',
  },
];

const ids = (list: Title[]) => list.map((t) => t.id);
const q = (patch: Partial<ShelfQuery>): ShelfQuery => ({ ...EMPTY_QUERY, ...patch });

describe('fold', () => {
  it('drops case, accents and punctuation', () => {
    expect(fold('  Amélie: LE Fabuleux—Destin! ')).toBe('amelie le fabuleux destin');
    expect(fold('Ça Œuvre')).toBe('ca œuvre');
  });
});

describe('searchShelf', () => {
  const en = buildShelfIndex(titles, 'en');
  const fr = buildShelfIndex(titles, 'fr');

  it('finds a name without its accents and in any case', () => {
    expect(ids(searchShelf(en, q({ text: 'amelie' })))).toEqual(['amelie']);
    expect(ids(searchShelf(en, q({ text: 'AMÉL' })))).toEqual(['amelie']);
  });

  it('finds translated names in either language, the shown one first', () => {
    expect(ids(searchShelf(fr, q({ text: 'tetu' })))).toEqual(['llama']);
    expect(ids(searchShelf(fr, q({ text: 'histoires mer' })))).toEqual(['sea']);
    // the original name still finds it in a French window
    expect(ids(searchShelf(fr, q({ text: 'stubborn' })))).toEqual(['llama']);
    expect(ids(searchShelf(en, q({ text: 'lama' })))).toEqual(['llama', 'llama2']);
  });

  it('finds by year, genre, cast and director', () => {
    expect(ids(searchShelf(en, q({ text: '1994' })))).toEqual(['sea']);
    expect(ids(searchShelf(en, q({ text: 'tautou' })))).toEqual(['amelie']);
    expect(ids(searchShelf(en, q({ text: 'jeunet' })))).toEqual(['amelie']);
    expect(ids(searchShelf(en, q({ text: 'romance' })))).toEqual(['amelie']);
  });

  it('needs every word, in any order', () => {
    expect(ids(searchShelf(en, q({ text: 'llama stubborn' })))).toEqual(['llama']);
    expect(ids(searchShelf(en, q({ text: 'llama zebra' })))).toEqual([]);
  });

  it('ranks a name that starts with the words above one that only holds them', () => {
    const index = buildShelfIndex(
      [
        { id: 'b', kind: 'film', name: 'The Night Sky', source: 'x' },
        { id: 'a', kind: 'film', name: 'Night', source: 'x' },
        { id: 'c', kind: 'film', name: 'Nightfall', source: 'x' },
        { id: 'd', kind: 'film', name: 'Other', cast: ['Night Person'], source: 'x' },
      ],
      'en',
    );
    expect(ids(searchShelf(index, q({ text: 'night' })))).toEqual(['a', 'c', 'b', 'd']);
  });

  it('filters by kind, genre (any spelling) and decade', () => {
    expect(ids(searchShelf(en, q({ kind: 'series' })))).toEqual(['sea']);
    expect(ids(searchShelf(en, q({ kind: 'film', genre: 'Animation' })))).toEqual([
      'llama',
      'llama2',
    ]);
    expect(ids(searchShelf(en, q({ decade: 2010 })))).toEqual(['llama']);
    expect(ids(searchShelf(en, q({ decade: 1990, text: 'sea' })))).toEqual(['sea']);
    expect(en.genres).toEqual(['Animation', 'Comedy', 'Documentary', 'Romance']);
    expect(en.decades).toEqual([2020, 2010, 2000, 1990]);
  });

  it('sorts by name in the window language, by year newest first, and in catalog order', () => {
    expect(ids(searchShelf(fr, q({ sort: 'name' })))).toEqual([
      'amelie',
      'sea',
      'llama',
      'llama2',
      'noyear',
    ]);
    expect(ids(searchShelf(en, q({ sort: 'year' })))).toEqual([
      'llama2',
      'llama',
      'amelie',
      'sea',
      'noyear',
    ]);
    expect(ids(searchShelf(en, q({ sort: 'added' })))).toEqual(ids(titles));
    // relevance without words keeps the catalog's order
    expect(ids(searchShelf(en, EMPTY_QUERY))).toEqual(ids(titles));
  });

  it('treats markup and symbols in the query as plain text', () => {
    expect(ids(searchShelf(en, q({ text: '«Amélie»!' })))).toEqual(['amelie']);
    expect(ids(searchShelf(en, q({ text: '<script>' })))).toEqual([]);
    expect(ids(searchShelf(en, q({ text: '.*' })))).toHaveLength(titles.length);
    expect(isFiltering(q({ text: '  ' }))).toBe(false);
    expect(isFiltering(q({ kind: 'film' }))).toBe(true);
  });

  it('cuts a pasted page down to its first 200 characters and 12 words', () => {
    // what lies beyond the cut is not asked for: these would find nothing without it
    expect(ids(searchShelf(en, q({ text: `amelie${' '.repeat(300)}zebra` })))).toEqual(['amelie']);
    const thirteen =
      'amelie 2001 comedy romance audrey tautou jean pierre jeunet ame tau jea zebra';
    expect(ids(searchShelf(en, q({ text: thirteen })))).toEqual(['amelie']);
    expect(ids(searchShelf(en, q({ text: `amelie ${'lorem ipsum '.repeat(50_000)}` })))).toEqual(
      [],
    );
  });

  it('answers over 10,000 titles', () => {
    const many: Title[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `t${i}`,
      kind: i % 3 === 0 ? 'series' : 'film',
      name: `Title number ${i}`,
      year: 1950 + (i % 70),
      source: 'x',
    }));
    const index = buildShelfIndex(many, 'en');
    expect(ids(searchShelf(index, q({ text: 'number 9999' })))).toEqual(['t9999']);
    expect(searchShelf(index, q({ kind: 'series' }))).toHaveLength(3334);
  });
});
