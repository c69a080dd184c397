// "From your add-ons": what the sources that answer searches themselves found for the search box's
// words, below the shelf's own matches. Asked after a pause in typing, never per keystroke; titles
// already on the shelf are left out (they show above).
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindFilter } from '../../lib/shelf-search';
import { clearAddonSearch, searchAddons } from '../../store/addon-search';
import { useAppStore } from '../../store/app-store';
import { TitleCard } from './title-card';

/** Fewer characters than this match too much to be worth asking every add-on. */
export const MIN_SEARCH_CHARS = 2;
/** The add-ons are asked once typing pauses this long. */
const PAUSE_MS = 400;

/** Asks the add-ons for `text` once typing pauses; clears their answer when the box is emptied. */
export function useAddonSearch(text: string): void {
  useEffect(() => {
    if (text.trim().length < MIN_SEARCH_CHARS) {
      clearAddonSearch();
      return;
    }
    const timer = setTimeout(() => void searchAddons(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
}

export function AddonResults({ kind }: { kind: KindFilter }) {
  const { t } = useTranslation();
  const search = useAppStore((s) => s.addonSearch);
  const catalog = useAppStore((s) => s.catalog);
  const titles = useMemo(() => {
    const onShelf = new Set(catalog?.titles.map((title) => title.id));
    return (search?.titles ?? []).filter(
      (title) => !onShelf.has(title.id) && (kind === 'all' || title.kind === kind),
    );
  }, [search, catalog, kind]);
  if (!search) return null;
  const searching = search.status === 'searching';
  // nothing new and nothing to say: the section would only be noise
  if (search.status === 'done' && titles.length === 0 && search.problems.length === 0) return null;
  const heading = t('addonSearch.heading');

  return (
    <section
      aria-labelledby="addon-results-heading"
      className="shelf addon-results"
      data-testid="addon-results"
      aria-busy={searching}
    >
      <h2 id="addon-results-heading" className="shelf__heading">
        {heading}
      </h2>
      <p className="muted" role="status" data-testid="addon-search-status">
        {searching
          ? t('addonSearch.searching')
          : search.status !== 'done'
            ? ''
            : titles.length === 0
              ? t('addonSearch.nothingMore')
              : t('addonSearch.found', { count: titles.length })}
      </p>
      {search.status === 'failed' && (
        <p role="alert" className="addon-results__failed">
          {t('addonSearch.failed')} <span className="muted">{search.error?.message}</span>
        </p>
      )}
      {titles.length > 0 && (
        <ul className="card-grid" aria-label={heading}>
          {titles.map((title, i) => (
            <TitleCard key={title.id} title={title} position={i + 1} setSize={titles.length} />
          ))}
        </ul>
      )}
      {search.problems.length > 0 && (
        <div className="catalog-problems" data-testid="addon-search-problems">
          <p>{t('addonSearch.problems', { count: search.problems.length })}</p>
          <ul>
            {search.problems.map((problem, index) => (
              // problems never reorder while shown: the index is a stable key
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
