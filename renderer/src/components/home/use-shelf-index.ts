// The search index of the shelf, built just after the first cards are on screen rather than
// before (folding 10,000 titles' names takes a moment), and kept per shelf and language so
// coming back from a title's page finds it ready.
import { useEffect, useState } from 'react';
import type { Title } from '../../../../shared/domain';
import { buildShelfIndex, rankNames, type ShelfIndex } from '../../lib/shelf-search';

const built = new WeakMap<readonly Title[], Map<string, ShelfIndex>>();

function cached(titles: readonly Title[], language: string): ShelfIndex | undefined {
  return built.get(titles)?.get(language);
}

/** The index for these titles and language, or the last one built while a new one is made. */
export function useShelfIndex(titles: readonly Title[], language: string): ShelfIndex | null {
  const [latest, setLatest] = useState<ShelfIndex | null>(() => cached(titles, language) ?? null);
  const ready = cached(titles, language);

  useEffect(() => {
    if (cached(titles, language)) return;
    // after this frame is drawn: the shelf shows first, then becomes searchable
    let rank: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      const index = buildShelfIndex(titles, language);
      const languages = built.get(titles) ?? new Map<string, ShelfIndex>();
      languages.set(language, index);
      built.set(titles, languages);
      setLatest(index);
      // the name order too, in a task of its own, so the first search by name answers at once
      rank = setTimeout(() => rankNames(index), 50);
    }, 0);
    return () => {
      clearTimeout(timer);
      clearTimeout(rank);
    };
  }, [titles, language]);

  return ready ?? latest;
}
