// The player: the page's one <video> (our own controls, not the native ones) playing the
// engine's local stream, with start-up progress, swarm figures, shortcuts and progress reports.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leavePlayer, prefetchAt } from '../../store/actions';
import type { MediaPlan } from '../../../../shared/media';
import { useAppStore, type Playback } from '../../store/app-store';
import { seekBy, seekTo, setVolume, toggleMute, togglePlay, volumeBy } from './media';
import { NextEpisodeOffer } from './next-episode-offer';
import { PlayerControls } from './player-controls';
import { PlayerStatusPanel } from './player-status';
import { playerStatus, type PlayerStatus } from './startup-status';
import { useFullscreen } from './use-fullscreen';
import { useIdle } from './use-idle';
import { usePlayerKeys } from './use-player-keys';
import { useProgressReporting } from './use-progress-reporting';
import { SubtitleText } from './subtitle-text';
import { AssSubtitles } from './ass-subtitles';
import { setSubtitleDropHandler } from './subtitle-drop';
import { TracksPanel } from './tracks-panel';
import { useMediaSource } from './use-media-source';
import { useSilentFileHint } from './use-silent-file-hint';
import { useStreamSource } from './use-stream-source';
import { useSubtitles } from './use-subtitles';
import { useVideoState } from './use-video-state';

export function PlayerView({ playback }: { playback: Playback }) {
  const { t } = useTranslation();
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [wrapper, setWrapper] = useState<HTMLElement | null>(null);
  const session = playback.session;
  const stats = useAppStore((s) => (session ? s.stats[session.itemId] : undefined));
  const state = useVideoState(video);
  const { playhead } = useStreamSource(video, session?.streamUrl, session?.resumeAtSeconds ?? 0);
  const media = useMediaSource(
    video,
    session?.sessionId,
    session?.streamUrl,
    session?.resumeAtSeconds ?? 0,
  );
  const subtitles = useSubtitles(video, session?.itemId, media.plan?.subtitles);
  const [tracksOpen, setTracksOpen] = useState(false);
  const tracksButton = useRef<HTMLButtonElement>(null);
  useProgressReporting(video, session?.sessionId, playhead);
  const fullscreen = useFullscreen(wrapper);
  const idle = useIdle(wrapper, !state.paused && state.started && !tracksOpen);
  // a failed session or command says so first: the file's own problems come after
  const sessionFailed = playback.error !== null || session?.phase === 'error';
  const status =
    (sessionFailed ? undefined : mediaStatus(media, state.errorCode)) ??
    playerStatus(playback, state, (key) => t(key));
  const silentWithoutFfmpeg = useSilentFileHint(video, media.plan);
  const conversion = conversionKey(media.plan);

  const addSubtitleFile = subtitles.addFile;
  useEffect(() => {
    setSubtitleDropHandler((file) => void addSubtitleFile(file));
    return () => setSubtitleDropHandler(null);
  }, [addSubtitleFile]);

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
      {/* captions are drawn by SubtitleText from parsed cues, not by a <track> */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video
        ref={setVideo}
        className="player__video"
        data-testid="player-video"
        preload="auto"
        playsInline
      />
      <SubtitleText subtitles={subtitles} time={state.time} />
      <AssSubtitles video={video} subtitles={subtitles} />
      <PlayerStatusPanel
        status={status}
        waitReason={playback.session?.waitReason}
        label={playback.label}
        onPlay={onTogglePlay}
        onRetry={() => media.retry(state.time)}
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
      >
        {silentWithoutFfmpeg && (
          <p className="player-bar__note" role="status" data-testid="ffmpeg-hint">
            {t('media.silentWithoutFfmpeg')}
          </p>
        )}
        {conversion && (
          <p className="player-bar__note" data-testid="conversion-note">
            {t(conversion)}
          </p>
        )}
        {media.plan && (
          <button
            type="button"
            className="button player-bar__tracks"
            ref={tracksButton}
            aria-expanded={tracksOpen}
            data-testid="tracks-button"
            onClick={() => setTracksOpen((open) => !open)}
          >
            {t('media.tracks')}
          </button>
        )}
      </PlayerControls>
      <NextEpisodeOffer video={video} itemId={session?.itemId} />
      {tracksOpen && media.plan && (
        <TracksPanel
          plan={media.plan}
          subtitles={subtitles}
          onAudio={(track) => void media.switchAudio(track)}
          onClose={() => {
            setTracksOpen(false);
            tracksButton.current?.focus();
          }}
        />
      )}
    </section>
  );
}

/** The engine's verdict on the file, when it stops playback before the <video> can try. */
function mediaStatus(
  media: ReturnType<typeof useMediaSource>,
  errorCode: number | null,
): PlayerStatus | undefined {
  const problem = media.plan?.mode === 'unplayable' ? media.plan.problem : undefined;
  if (problem) {
    const key =
      problem === 'ffmpeg-missing'
        ? 'media.ffmpegMissing'
        : problem === 'unsupported'
          ? 'media.unsupported'
          : 'media.unreadable';
    return { kind: 'error', key, message: media.plan?.detail ?? null, canRetry: false };
  }
  // without ffmpeg nothing was known before playing: a file the window cannot decode may be
  // one that converting would play, so say what to install
  if (media.plan?.mode === 'direct' && !media.plan.ffmpeg && (errorCode === 3 || errorCode === 4)) {
    return { kind: 'error', key: 'media.ffmpegMissing', message: null, canRetry: false };
  }
  if (media.feedFailed)
    return { kind: 'error', key: 'media.feedFailed', message: null, canRetry: true };
  return undefined;
}

function conversionKey(plan: MediaPlan | undefined): string | undefined {
  if (plan?.mode !== 'feed') return undefined;
  return {
    audio: 'media.convertingAudio',
    video: 'media.convertingVideo',
    both: 'media.convertingBoth',
    nothing: 'media.remuxing',
  }[plan.converts];
}
