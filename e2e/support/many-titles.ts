// Large made-up shelves for the search and scale tests: N titles spread over several catalog
// files in our own format, with years, genres, people and French names, plus a few titles a test
// looks for by name. Deterministic, so a figure or a failure can be reproduced.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const ADJECTIVES = [
  'Silent',
  'Golden',
  'Hidden',
  'Broken',
  'Last',
  'Distant',
  'Wild',
  'Northern',
  'Secret',
  'Burning',
];
const NOUNS = [
  'River',
  'Harbour',
  'Garden',
  'Mountain',
  'Letter',
  'Station',
  'Island',
  'Forest',
  'Winter',
  'Machine',
];
const FR_ADJ = [
  'silencieux',
  'doré',
  'caché',
  'brisé',
  'dernier',
  'lointain',
  'sauvage',
  'du nord',
  'secret',
  'brûlant',
];
const FR_NOUN = [
  'Le Fleuve',
  'Le Port',
  'Le Jardin',
  'La Montagne',
  'La Lettre',
  'La Gare',
  'L’Île',
  'La Forêt',
  'L’Hiver',
  'La Machine',
];
export const GENRES = [
  'Drama',
  'Comedy',
  'Documentary',
  'Animation',
  'Thriller',
  'Romance',
  'Science Fiction',
  'Western',
];
const PEOPLE = [
  'Ada Moreau',
  'Jonas Berg',
  'Lina Okafor',
  'Tomás Ruiz',
  'Mei Tanaka',
  'Paul Girard',
  'Sara Lind',
];

/** Titles a test searches for; their names appear nowhere else on the made-up shelf. */
export const NEEDLES = {
  amelie: { id: 'needle-amelie', name: 'Amélie au phare', kind: 'film' as const },
  llama: {
    id: 'needle-llama',
    name: 'The Stubborn Llama',
    fr: 'Le Lama têtu',
    kind: 'film' as const,
  },
};

const hash = (i: number) => i.toString(16).padStart(40, '0');

function madeUpTitle(i: number): Record<string, unknown> {
  const a = i % ADJECTIVES.length;
  const n = Math.floor(i / ADJECTIVES.length) % NOUNS.length;
  const series = i % 4 === 3;
  const name = `The ${ADJECTIVES[a]} ${NOUNS[n]} ${i}`;
  return {
    id: `gen-${i}`,
    kind: series ? 'series' : 'film',
    name,
    year: 1950 + (i % 75),
    synopsis: `Number ${i} of a made-up shelf: a ${ADJECTIVES[a]?.toLowerCase()} story.`,
    genres: [GENRES[i % GENRES.length], GENRES[(i * 7 + 3) % GENRES.length]],
    cast: [PEOPLE[i % PEOPLE.length]],
    directors: [PEOPLE[(i + 3) % PEOPLE.length]],
    translations: { fr: { name: `${FR_NOUN[n]} ${FR_ADJ[a]} ${i}` } },
    ...(series
      ? {
          episodes: [1, 2].map((e) => ({
            id: `gen-${i}:1:${e}`,
            season: 1,
            episode: e,
            name: `Part ${e}`,
            source: `magnet:?xt=urn:btih:${hash(i * 10 + e)}`,
          })),
        }
      : { source: `magnet:?xt=urn:btih:${hash(i * 10)}` }),
  };
}

/** Writes `total` titles (needles included) into `files` catalog files; returns their paths. */
export async function writeManyTitles(dir: string, total: number, files = 4): Promise<string[]> {
  const titles: Record<string, unknown>[] = [
    {
      ...NEEDLES.amelie,
      year: 2001,
      genres: ['Romance'],
      source: `magnet:?xt=urn:btih:${'a'.repeat(40)}`,
    },
    {
      id: NEEDLES.llama.id,
      kind: 'film',
      name: NEEDLES.llama.name,
      year: 2013,
      genres: ['Animation'],
      translations: { fr: { name: NEEDLES.llama.fr } },
      source: `magnet:?xt=urn:btih:${'b'.repeat(40)}`,
    },
  ];
  for (let i = 0; titles.length < total; i++) titles.push(madeUpTitle(i));
  const per = Math.ceil(titles.length / files);
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const path = join(dir, `many-${f + 1}.json`);
    await writeFile(
      path,
      JSON.stringify({
        format: 'essaim-catalog',
        version: 1,
        name: `Made-up shelf ${f + 1}`,
        titles: titles.slice(f * per, (f + 1) * per),
        channels: [],
      }),
    );
    paths.push(path);
  }
  return paths;
}

/** How many of the made-up titles (needles left out) are series: every fourth. */
export function seriesCount(total: number): number {
  const made = total - Object.keys(NEEDLES).length;
  return Math.floor(made / 4);
}
