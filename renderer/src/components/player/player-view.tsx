// The player: the page's one <video> (our own controls, not the native ones) playing the
// engine's local stream, with start-up progress, swarm figures, shortcuts and progress reports.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leavePlayer, prefetchAt } from '../../store/actions';
import { useAppStore, type Playback } from '../../store/app-store';
import { seekBy, seekTo, setVolume, toggleMute, togglePlay, volumeBy } from './media';
import { PlayerControls } from './player-controls';
import { PlayerStatusPanel } from './player-status';
import { playerStatus } from './startup-status';
import { useFullscreen } from './use-fullscreen';
import { useIdle } from './use-idle';
import { usePlayerKeys } from './use-player-keys';
import { useProgressReporting } from './use-progress-reporting';
import { useStreamSource } from './use-stream-source';
import { useVideoState } from './use-video-state';

export function PlayerView({ playback }: { playback: Playback }) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [wrapper, setWrapper] = useState<HTMLElement | null>(null);
  const session = playback.session;
  const stats = useAppStore((s) => (session ? s.stats[session.itemId] : undefined));
  const state = useVideoState(video);
  const { playhead, retry } = useStreamSource(
    video,
    session?.streamUrl,
    session?.resumeAtSeconds ?? 0,
  );
  useProgressReporting(video, session?.sessionId, playhead);
  const fullscreen = useFullscreen(wrapper);
  const idle = useIdle(wrapper, !state.paused && state.started);
  const status = playerStatus(playback, state, (key) => t(key));

  const onTogglePlay = useCallback(() => video && togglePlay(video), [video]);
  const onToggleMute = () => video && toggleMute(video);
  const leave = () => {
    fullscreen.exit();
    void leavePlayer(playhead());
  };

  usePlayerKeys({
    togglePlay: onTogglePlay,
    seekBy: (delta) => video && seekBy(video, delta),
    volumeBy: (delta) => video && volumeBy(video, delta),
    toggleMute: onToggleMute,
    toggleFullscreen: fullscreen.toggle,
    escape: () => {
      if (fullscreen.active) fullscreen.exit();
      else if (!fullscreen.justExited()) leave();
    },
  });

  useEffect(() => {
    // the player takes focus so its name is announced and keys land here, not on a vanished button
    wrapper?.focus();
  }, [wrapper]);

  const toggleFullscreen = fullscreen.toggle;
  useEffect(() => {
    // clicking the picture toggles play, double-click toggles fullscreen (keys do the same)
    if (!video) return;
    video.addEventListener('click', onTogglePlay);
    video.addEventListener('dblclick', toggleFullscreen);
    return () => {
      video.removeEventListener('click', onTogglePlay);
      video.removeEventListener('dblclick', toggleFullscreen);
    };
  }, [video, onTogglePlay, toggleFullscreen]);

  return (
    <section
      ref={setWrapper}
      className={`player${idle ? ' player--idle' : ''}`}
      data-testid="player"
      aria-label={t('player.label', { name: playback.label || t('player.untitled') })}
      tabIndex={-1}
    >
      {/* torrents bring no caption track the player can offer yet */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video
        ref={setVideo}
        className="player__video"
        data-testid="player-video"
        src={session?.streamUrl}
        preload="auto"
        playsInline
      />
      <PlayerStatusPanel
        status={status}
        waitReason={playback.session?.waitReason}
        label={playback.label}
        onPlay={onTogglePlay}
        onRetry={() => retry(state.time)}
        onBack={leave}
      />
      <PlayerControls
        label={playback.label}
        video={state}
        stats={stats}
        fullscreen={fullscreen.active}
        onBack={leave}
        onTogglePlay={onTogglePlay}
        onSeek={(seconds) => video && seekTo(video, seconds)}
        onSeekHover={(seconds) => session && prefetchAt(session.sessionId, seconds)}
        onToggleMute={onToggleMute}
        onVolume={(volume) => video && setVolume(video, volume)}
        onToggleFullscreen={fullscreen.toggle}
      />
    </section>
  );
}
