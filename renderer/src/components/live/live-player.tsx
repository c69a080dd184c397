// The live player: a channel's picture (through hls.js), marked LIVE, with how many other viewers
// are watching, how far behind live it is, "Go to live", and plain words when the channel is off
// air or its server cannot be reached. Keyboard: Space pauses, L goes to live, Escape goes back.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveLive } from '../../store/actions';
import { useAppStore, type LivePlayback } from '../../store/app-store';
import { ErrorMessage } from '../common/error-message';
import { togglePlay } from '../player/media';
import { useHls } from './use-hls';

export function LivePlayer({ live }: { live: LivePlayback }) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [wrapper, setWrapper] = useState<HTMLElement | null>(null);
  const profile = useAppStore((s) => s.settings?.liveLatency ?? 'standard');
  const hls = useHls(video, live.session?.playlistUrl, profile === 'low-latency' ? 1 : 2);
  const behind = useBehindLive(live, hls.latency);
  const status = live.status;
  const state = status?.state ?? 'connecting';

  useEffect(() => {
    wrapper?.focus();
  }, [wrapper]);

  const goToLive = hls.goToLive;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('button, select, input')) return;
      if (event.key === 'Escape') leaveLive();
      else if (event.key === ' ' && video) {
        event.preventDefault();
        togglePlay(video);
      } else if (event.key.toLowerCase() === 'l') goToLive();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [video, goToLive]);

  return (
    <section
      ref={setWrapper}
      className="player live-player"
      data-testid="live-player"
      data-state={state}
      aria-label={t('live.label', { name: live.label })}
      tabIndex={-1}
    >
      {/* a live channel brings no caption track */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video
        ref={setVideo}
        className="player__video"
        data-testid="live-video"
        controls
        playsInline
      />
      <div className="player-top live-player__top">
        <button type="button" className="button" onClick={leaveLive}>
          {t('live.back')}
        </button>
        <span className="live-badge" data-testid="live-badge">
          {t('live.badge')}
        </span>
        {live.direct && (
          <span className="live-player__direct" data-testid="live-direct">
            {t('live.direct')}
          </span>
        )}
        <h2 className="player-top__title">{live.label}</h2>
        <span className="live-player__figures" aria-live="polite">
          {status && !live.direct && (
            <span data-testid="live-peers">{t('live.peers', { count: status.peers })}</span>
          )}
          {behind !== undefined && (
            <span data-testid="live-behind">
              {t('live.behind', { seconds: Math.round(behind) })}
            </span>
          )}
        </span>
        <button
          type="button"
          className="button button--primary"
          data-testid="live-go-live"
          onClick={hls.goToLive}
        >
          {t('live.goLive')}
        </button>
      </div>
      <div className="live-player__messages" aria-live="polite">
        {live.error ? (
          <div className="live-player__panel" role="alert">
            <p>{t('live.playFailed')}</p>
            <ErrorMessage error={live.error} />
          </div>
        ) : live.direct && state === 'off-air' ? (
          <div className="live-player__panel" data-testid="live-direct-problem" role="alert">
            <h3>
              {status?.problemCode === 'refused-address'
                ? t('live.directRefused')
                : t('live.directOffline')}
            </h3>
            <p>
              {status?.problemCode === 'refused-address'
                ? t('live.directRefusedBody')
                : t('live.directOfflineBody')}
            </p>
          </div>
        ) : live.direct && state === 'connecting' ? (
          <div className="live-player__panel" data-testid="live-connecting">
            <p>{t('live.directConnecting')}</p>
          </div>
        ) : state === 'off-air' ? (
          <div className="live-player__panel" data-testid="live-off-air">
            <h3>{t('live.offAir')}</h3>
            <p>{t('live.offAirBody')}</p>
          </div>
        ) : state === 'connecting' ? (
          <div className="live-player__panel" data-testid="live-connecting">
            <p>{t('live.connecting')}</p>
            {status?.problemCode && (
              <p data-testid="live-problem">{t(`live.problems.${status.problemCode}`)}</p>
            )}
          </div>
        ) : null}
        {status && !status.originReachable && state === 'on-air' && (
          <p className="live-player__note" data-testid="live-origin-down">
            {t('live.originDown')}
          </p>
        )}
        {hls.error && <p className="live-player__note">{hls.error}</p>}
      </div>
    </section>
  );
}

/** Seconds behind live: the engine's distance to the newest segment plus the player's own. */
function useBehindLive(live: LivePlayback, latency: () => number | undefined): number | undefined {
  const [value, setValue] = useState<number | undefined>(undefined);
  // the getter changes with every render; reading it through a ref keeps the timer steady
  const latest = useRef(latency);
  useEffect(() => {
    latest.current = latency;
  });
  const edge = live.status?.edgeLagSeconds;
  useEffect(() => {
    const update = () => {
      const own = latest.current();
      const next = edge === undefined || own === undefined ? undefined : Math.round(edge + own);
      setValue(next);
    };
    update();
    const timer = setInterval(update, 1000);
    return () => clearInterval(timer);
  }, [edge]);
  return value;
}
