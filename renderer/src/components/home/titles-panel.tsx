// The Titles tab: search and filters, then (when not searching) Continue watching, My list and
// the user's library, then the shelf's titles (or the matches) in a windowed grid, then what the
// add-ons found for the same words.
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isFiltering, searchShelf } from '../../lib/shelf-search';
import { useAppStore } from '../../store/app-store';
import { AddonResults, useAddonSearch } from './addon-results';
import { CatalogProblems } from './catalog-problems';
import { ContinueRow } from './continue-row';
import { LibraryRow } from './library-row';
import { MyListRow } from './my-list-row';
import { ShelfSearchBar } from './shelf-search-bar';
import { TitleGrid } from './title-grid';
import { useShelfIndex } from './use-shelf-index';

const NO_TITLES: never[] = [];

export function TitlesPanel() {
  const { t, i18n } = useTranslation();
  const catalog = useAppStore((s) => s.catalog);
  const typed = useAppStore((s) => s.shelfQuery);
  const query = useDeferredValue(typed);
  useAddonSearch(typed.text);
  const titles = catalog?.titles ?? NO_TITLES;
  const index = useShelfIndex(titles, i18n.language);
  // until the index is ready the shelf shows in its own order, which is what an empty query asks
  const results = useMemo(
    () => (index ? searchShelf(index, query) : titles),
    [index, query, titles],
  );
  const filtering = index !== null && isFiltering(query);
  const heading = filtering
    ? t('shelf.results', { count: results.length })
    : t('home.catalogHeading');

  return (
    <div className="titles-panel">
      {catalog && catalog.titles.length > 0 && <ShelfSearchBar index={index} />}
      {!filtering && (
        <>
          <ContinueRow />
          <MyListRow />
          <LibraryRow />
        </>
      )}
      <section aria-labelledby="catalog-heading" className="shelf">
        <h2
          id="catalog-heading"
          className="shelf__heading"
          aria-live="polite"
          data-testid="shelf-heading"
        >
          {heading}
        </h2>
        {catalog === null ? (
          <p className="muted">{t('home.loadingCatalog')}</p>
        ) : catalog.titles.length === 0 ? (
          <p className="empty">{t('home.noTitles')}</p>
        ) : results.length === 0 ? (
          <p className="empty" data-testid="no-match">
            {t('shelf.noMatch')}
          </p>
        ) : (
          <TitleGrid titles={results} label={heading} />
        )}
        {catalog && catalog.problems.length > 0 && <CatalogProblems problems={catalog.problems} />}
      </section>
      {catalog && catalog.titles.length > 0 && <AddonResults kind={query.kind} />}
    </div>
  );
}
