// Toggles for what the user asks Essaim to remember: "Watched" (a title or an episode) and
// "My list" (a title). Each is a pressed/not-pressed button, so its state is heard as well as seen.
import { useTranslation } from 'react-i18next';
import { setMark } from '../../store/mark-actions';
import { useAppStore } from '../../store/app-store';

interface WatchedProps {
  id: string;
  /** accessible name when the visible text alone is ambiguous (episode lists) */
  describedAs?: string;
  small?: boolean;
}

export function WatchedButton({ id, describedAs, small }: WatchedProps) {
  const { t } = useTranslation();
  const watched = useAppStore((s) => Object.hasOwn(s.marks.watched, id));
  const text = watched ? t('marks.watched') : t('marks.markWatched');
  return (
    <button
      type="button"
      className={`button button--ghost${small ? ' button--small' : ''}`}
      data-testid="watched-button"
      data-mark-id={id}
      aria-pressed={watched}
      aria-label={describedAs ? t('marks.watchedLabel', { what: describedAs }) : undefined}
      onClick={() => void setMark({ id, watched: !watched })}
    >
      {watched ? '✓ ' : ''}
      {text}
    </button>
  );
}

export function MyListButton({ titleId }: { titleId: string }) {
  const { t } = useTranslation();
  const listed = useAppStore((s) => s.marks.myList.includes(titleId));
  return (
    <button
      type="button"
      className="button button--ghost"
      data-testid="my-list-button"
      aria-pressed={listed}
      onClick={() => void setMark({ id: titleId, inMyList: !listed })}
    >
      {listed ? `✓ ${t('myList.onList')}` : t('myList.add')}
    </button>
  );
}
