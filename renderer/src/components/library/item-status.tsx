// A library item's state in words ("Downloading 42%", "Complete, sharing", "Shared 34 MB", where playback
// stopped) and, when the torrent failed, the engine's reason with a way to try again.
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';
import { itemStatusView } from '../../lib/item-status';
import { useFormat } from '../../lib/use-format';
import { playItem } from '../../store/actions';
import { useAppStore } from '../../store/app-store';

function useStatusView(item: LibraryItem) {
  const stats = useAppStore((s) => s.stats[item.id]);
  return itemStatusView(item, stats);
}

export function ItemStatusLine({ item, className }: { item: LibraryItem; className: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const view = useStatusView(item);
  return (
    <p className={className}>
      <span className={`item-state item-state--${view.status}`} data-status={view.status}>
        {t(view.key, { percent: view.percent })}
      </span>
      {view.uploaded > 0 && (
        <span>{t('library.shared', { size: format.bytes(view.uploaded) })}</span>
      )}
      <span>
        {item.positionSeconds > 0
          ? t('library.resumeAt', { time: formatClock(item.positionSeconds) })
          : t('library.notStarted')}
      </span>
    </p>
  );
}

export function ItemMeter({ item }: { item: LibraryItem }) {
  const view = useStatusView(item);
  // the status line says the same in words, so the bar is decoration for sighted users
  return (
    <div className="meter" aria-hidden="true">
      <span className="meter__fill" style={{ width: `${view.percent}%` }} />
    </div>
  );
}

interface ProblemProps {
  item: LibraryItem;
  /** id of the item's name, so "Retry" in a list says which item it retries */
  describedBy?: string;
}

export function ItemProblem({ item, describedBy }: ProblemProps) {
  const { t } = useTranslation();
  const view = useStatusView(item);
  if (view.status !== 'error') return null;
  return (
    <div className="item-problem">
      {/* the engine writes its reasons in English */}
      <p className="item-problem__text" lang={item.errorMessage ? 'en' : undefined}>
        {item.errorMessage || t('library.errorFallback')}
      </p>
      <button
        type="button"
        className="button button--small"
        aria-describedby={describedBy}
        onClick={() => void playItem(item.id)}
      >
        {t('library.retry')}
      </button>
    </div>
  );
}
