// Reads a film's name and year out of a feed item's title when they are obvious ("Name (1968)",
// "Name.1968.1080p.WEB"); the rest of a release name becomes the option's label. Guesses nothing else.

export interface ReleaseName {
  name: string;
  year?: number;
  /** what follows the year in a release name ("1080p BluRay"), to tell options apart */
  label?: string;
}

const MIN_YEAR = 1870;
const MAX_YEAR = 2200;
/** A year standing alone: in brackets, or between separators, never inside a longer number. */
const YEAR = /(^|[\s._\-[(])(\d{4})(?:[)\]])?(?=$|[\s._\-[(),])/g;

/** Release names use dots or underscores for spaces; a title with real spaces keeps its dots. */
const spaced = (text: string): string => (/\s/.test(text) ? text : text.replace(/[._]+/g, ' '));

/** Trims the separators (and, around a year, the brackets) left at the ends of a piece. */
const tidy = (text: string): string =>
  text
    .replace(/[\s._\-[\]()]+$/, '')
    .replace(/^[\s._\-[\]()]+/, '')
    .replace(/\s+/g, ' ')
    .trim();

export function readReleaseName(title: string): ReleaseName {
  const text = title.trim();
  let found: { index: number; end: number; year: number } | undefined;
  for (const match of text.matchAll(YEAR)) {
    const year = Number(match[2]);
    const index = (match.index ?? 0) + (match[1]?.length ?? 0);
    // "1917 (2019)": the last plausible year is the release year, and a name needs a start
    if (year >= MIN_YEAR && year <= MAX_YEAR && index > 0) {
      found = { index, end: (match.index ?? 0) + match[0].length, year };
    }
  }
  const whole = spaced(text).replace(/\s+/g, ' ').trim() || text;
  if (!found) return { name: whole };
  const name = tidy(spaced(text.slice(0, found.index)));
  if (name === '') return { name: whole };
  const rest = tidy(spaced(text.slice(found.end)));
  return { name, year: found.year, ...(rest === '' ? {} : { label: rest.slice(0, 200) }) };
}
