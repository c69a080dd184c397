// "My library": what the user added or played, with its state in words and where they stopped.
// Choosing an item's name plays it straight away (the engine resumes at the saved position);
// Details lists its files, Remove… asks before taking it out of the library.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../../shared/domain';
import { playItem } from '../../store/actions';
import { showView, useAppStore } from '../../store/app-store';
import { Poster } from '../common/poster';
import { ItemMeter, ItemProblem, ItemStatusLine } from '../library/item-status';
import { RemoveButton } from '../library/remove-dialog';
import { itemDisplayName } from '../../lib/item-name';

export function LibraryRow() {
  const { t } = useTranslation();
  const library = useAppStore((s) => s.library);
  if (library.length === 0) return null;
  const newestFirst = [...library].sort((a, b) => b.addedAt - a.addedAt);

  return (
    <section aria-labelledby="library-heading" className="shelf">
      {/* focusable so focus has somewhere to land when a removed item takes its button away */}
      <h2 id="library-heading" className="shelf__heading" tabIndex={-1}>
        {t('library.heading')}
      </h2>
      <ul className="library-row">
        {newestFirst.map((item) => (
          <LibraryCard key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function LibraryCard({ item }: { item: LibraryItem }) {
  const { t } = useTranslation();
  const title = useAppStore((s) => s.catalog?.titles.find((x) => x.id === item.titleId));
  const nameId = useId();
  const catalog = useAppStore((s) => s.catalog);
  const name = itemDisplayName(item, catalog) || t('library.unnamed');

  return (
    <li className="library-card" data-testid="library-item" data-item-id={item.id}>
      <Poster src={title?.poster} name={title?.name ?? name} className="library-card__poster" />
      <div className="library-card__body">
        {/* the name stays the card's first button: it plays, as it always has */}
        <h3 className="library-card__name">
          <button
            id={nameId}
            type="button"
            className="stretched"
            onClick={() => void playItem(item.id)}
          >
            {name}
          </button>
        </h3>
        <ItemMeter item={item} />
        <ItemStatusLine item={item} className="library-card__meta" />
        <ItemProblem item={item} describedBy={nameId} />
        <div className="library-card__actions">
          <button
            type="button"
            className="button button--small button--ghost"
            aria-describedby={nameId}
            onClick={() => showView({ name: 'item', itemId: item.id })}
          >
            {t('library.details')}
          </button>
          <RemoveButton
            itemId={item.id}
            className="button button--small button--ghost"
            describedBy={nameId}
          />
        </div>
      </div>
    </li>
  );
}
