// Plays a catalog entry (film or episode): "Resume at 12:04" when the library has a saved
// position for it, otherwise "Play" (add to the library, then start).
import { useTranslation } from 'react-i18next';
import { parseOpenInput } from '../../../../shared/open-input';
import { formatClock } from '../../lib/format';
import { playItem, playSource } from '../../store/actions';
import { useAppStore } from '../../store/app-store';
import { PlayIcon } from '../common/icons';

interface Props {
  label: string;
  source: string | undefined;
  titleId: string;
  episodeId?: string;
  fileName?: string | undefined;
  /** accessible name when the visible text alone is ambiguous (episode lists) */
  describedAs?: string;
  primary?: boolean;
}

export function PlayEntryButton({
  label,
  source,
  titleId,
  episodeId,
  fileName,
  describedAs,
  primary,
}: Props) {
  const { t } = useTranslation();
  const item = useAppStore((s) =>
    s.library.find(
      (i) =>
        i.titleId === titleId &&
        (episodeId === undefined ? !i.episodeId : i.episodeId === episodeId),
    ),
  );
  const parsed = source ? parseOpenInput(source) : null;
  if (!parsed?.ok) return <p className="muted">{t('details.noSource')}</p>;

  const resumeAt = item && item.positionSeconds > 0 ? item.positionSeconds : 0;
  const text =
    resumeAt > 0 ? t('details.resumeAt', { time: formatClock(resumeAt) }) : t('details.play');
  const play = () => {
    if (item) void playItem(item.id);
    else {
      void playSource({
        source: parsed.source,
        label,
        titleId,
        ...(episodeId ? { episodeId } : {}),
        ...(fileName ? { fileName } : {}),
      });
    }
  };

  return (
    <button
      type="button"
      className={primary ? 'button button--primary button--large' : 'button'}
      data-testid="play-button"
      {...(episodeId ? { 'data-episode-id': episodeId } : {})}
      aria-label={
        describedAs ? t('details.playLabel', { action: text, what: describedAs }) : undefined
      }
      onClick={play}
    >
      <PlayIcon />
      {text}
    </button>
  );
}
