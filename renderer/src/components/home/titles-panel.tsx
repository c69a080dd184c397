// The Titles tab: catalog problems (discreet), the user's library, then the catalog's titles.
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store';
import { CatalogProblems } from './catalog-problems';
import { LibraryRow } from './library-row';
import { TitleCard } from './title-card';

export function TitlesPanel() {
  const { t } = useTranslation();
  const catalog = useAppStore((s) => s.catalog);

  return (
    <div className="titles-panel">
      <LibraryRow />
      <section aria-labelledby="catalog-heading" className="shelf">
        <h2 id="catalog-heading" className="shelf__heading">
          {t('home.catalogHeading')}
        </h2>
        {catalog === null ? (
          <p className="muted">{t('home.loadingCatalog')}</p>
        ) : catalog.titles.length === 0 ? (
          <p className="empty">{t('home.noTitles')}</p>
        ) : (
          <ul className="card-grid">
            {catalog.titles.map((title) => (
              <TitleCard key={title.id} title={title} />
            ))}
          </ul>
        )}
        {catalog && catalog.problems.length > 0 && <CatalogProblems problems={catalog.problems} />}
      </section>
    </div>
  );
}
