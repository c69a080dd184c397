// The centre of the player while it cannot show a picture: start-up steps with progress,
// a Play button when the browser wants a click first, or the error with a way out.
import { useTranslation } from 'react-i18next';
import { BackIcon, PlayIcon } from '../common/icons';
import type { PlayerStatus } from './startup-status';
import { useSlowWait } from './use-slow-wait';

/** What to say when a step lasts: keyed by the step's own message key. */
const SLOW_HINTS: Record<string, string> = {
  'player.findingPeers': 'player.slow.findingPeers',
  'player.fetchingMetadata': 'player.slow.fetchingMetadata',
  'player.bufferingPercent': 'player.slow.buffering',
  'player.buffering': 'player.slow.buffering',
};

interface Props {
  status: PlayerStatus;
  /** the engine knows why this wait may not end on its own */
  waitReason?: 'local-trackers-refused';
  label: string;
  onPlay(): void;
  onRetry(): void;
  onBack(): void;
}

export function PlayerStatusPanel({ status, waitReason, label, onPlay, onRetry, onBack }: Props) {
  const { t } = useTranslation();
  const slow = useSlowWait(status.kind === 'progress' ? status.key : null);
  if (status.kind === 'none') return null;

  if (status.kind === 'press-play') {
    return (
      <div className="player-center">
        <button type="button" className="big-play" onClick={onPlay} aria-label={t('player.play')}>
          <PlayIcon />
        </button>
      </div>
    );
  }

  if (status.kind === 'error') {
    return (
      <div className="player-center">
        <div className="player-panel player-panel--error" role="alert">
          <h2>{t('player.errorTitle')}</h2>
          {status.key && <p>{t(status.key)}</p>}
          {status.message && (
            <p className="player-panel__detail" lang="en">
              {status.message}
            </p>
          )}
          <div className="player-panel__actions">
            {status.canRetry && (
              <button type="button" className="button button--primary" onClick={onRetry}>
                {t('player.retry')}
              </button>
            )}
            <button type="button" className="button" onClick={onBack}>
              <BackIcon />
              {t('common.back')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="player-center">
      <div className="player-panel">
        {label && <p className="player-panel__label">{label}</p>}
        <span className="spinner" aria-hidden="true" />
        <p className="player-panel__status" data-testid="player-status" role="status">
          {t(status.key, { percent: status.percent ?? 0 })}
        </p>
        {status.percent !== undefined && (
          <progress
            className="progress"
            max={100}
            value={status.percent}
            aria-label={t('player.bufferProgress')}
          />
        )}
        {waitReason === 'local-trackers-refused' ? (
          <p className="player-panel__detail" data-testid="player-wait-reason">
            {t('player.wait.localTrackersRefused')}
          </p>
        ) : (
          slow &&
          SLOW_HINTS[status.key] && (
            <p className="player-panel__detail" data-testid="player-slow-hint">
              {t(SLOW_HINTS[status.key] ?? '')}
            </p>
          )
        )}
      </div>
    </div>
  );
}
