// Guards on what the user types and on what an adapter hands back, so neither a hostile address
// nor an oversized source can hurt the shelf.
import { CodedError } from '../../../../shared/errors.js';
import type { LoadedSource } from './source-adapter.js';

/** More titles or channels than one source may put on the shelf. */
export const MAX_ENTRIES_PER_SOURCE = 20_000;
const MAX_PROBLEMS = 200;

/** The address trimmed, or a clear refusal. */
export function checkAddress(address: string): string {
  const text = address.trim();
  if (text === '') throw new CodedError('invalid-input', 'Paste the address of a source first.');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new CodedError(
      'invalid-input',
      'This address contains characters an address cannot hold.',
    );
  }
  return text;
}

export function limitLoaded(loaded: LoadedSource): LoadedSource {
  const problems = loaded.problems.slice(0, MAX_PROBLEMS);
  const cut = (what: string, count: number) => {
    if (count > MAX_ENTRIES_PER_SOURCE) {
      problems.push({
        catalog: loaded.name,
        message: `Only the first ${MAX_ENTRIES_PER_SOURCE} of its ${count} ${what} are shown.`,
      });
    }
  };
  cut('titles', loaded.titles.length);
  cut('channels', loaded.channels.length);
  return {
    name: loaded.name.slice(0, 300) || 'Catalog',
    titles: loaded.titles.slice(0, MAX_ENTRIES_PER_SOURCE),
    channels: loaded.channels.slice(0, MAX_ENTRIES_PER_SOURCE),
    problems,
  };
}
