// "My library": what the user added or played, with download progress and where they stopped.
// Choosing an item plays it straight away; the engine resumes at the saved position.
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../../shared/domain';
import { playItem } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { formatClock, percent } from '../../lib/format';
import { Poster } from '../common/poster';

export function LibraryRow() {
  const { t } = useTranslation();
  const library = useAppStore((s) => s.library);
  if (library.length === 0) return null;
  const newestFirst = [...library].sort((a, b) => b.addedAt - a.addedAt);

  return (
    <section aria-labelledby="library-heading" className="shelf">
      <h2 id="library-heading" className="shelf__heading">
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
  const done = percent(item.progress);
  const name = item.name || t('library.unnamed');

  return (
    <li className="library-card" data-testid="library-item" data-item-id={item.id}>
      <Poster src={title?.poster} name={title?.name ?? name} className="library-card__poster" />
      <div className="library-card__body">
        <h3 className="library-card__name">
          <button type="button" className="stretched" onClick={() => void playItem(item.id)}>
            {name}
          </button>
        </h3>
        <div className="meter" aria-hidden="true">
          <span className="meter__fill" style={{ width: `${done}%` }} />
        </div>
        <p className="library-card__meta">
          <span>{t('library.downloaded', { percent: done })}</span>
          <span>
            {item.positionSeconds > 0
              ? t('library.resumeAt', { time: formatClock(item.positionSeconds) })
              : t('library.notStarted')}
          </span>
        </p>
        {item.status === 'error' && item.errorMessage && (
          <p className="library-card__error">{item.errorMessage}</p>
        )}
      </div>
    </li>
  );
}
