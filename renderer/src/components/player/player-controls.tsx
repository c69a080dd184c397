// The control bar: back, play/pause, seek bar with time, mute and volume, fullscreen, and the
// swarm figures. Every control is a real button or slider with a name screen readers announce.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TorrentStats } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';
import { BackIcon, FullscreenIcon, PauseIcon, PlayIcon, VolumeIcon } from '../common/icons';
import { PlayerStats } from './player-stats';
import { SeekBar } from './seek-bar';
import type { VideoState } from './use-video-state';

interface Props {
  label: string;
  video: VideoState;
  stats: TorrentStats | undefined;
  fullscreen: boolean;
  onBack(): void;
  onTogglePlay(): void;
  onSeek(seconds: number): void;
  onSeekHover(seconds: number): void;
  onToggleMute(): void;
  onVolume(volume: number): void;
  onToggleFullscreen(): void;
  /** more controls (sound and subtitles), placed before the fullscreen button */
  children?: ReactNode;
}

export function PlayerControls(props: Props) {
  const { t } = useTranslation();
  const { video } = props;
  const muted = video.muted || video.volume === 0;

  return (
    <>
      <div className="player-top">
        <button
          type="button"
          className="icon-button icon-button--overlay"
          aria-label={t('common.back')}
          onClick={props.onBack}
        >
          <BackIcon />
        </button>
        <h1 className="player-top__title">{props.label}</h1>
      </div>
      <div className="player-bar">
        <SeekBar
          time={video.time}
          duration={video.duration}
          ranges={props.stats?.fileRanges ?? []}
          onSeek={props.onSeek}
          onHover={props.onSeekHover}
        />
        <div className="player-bar__row">
          <button
            type="button"
            className="icon-button"
            aria-label={video.paused ? t('player.play') : t('player.pause')}
            onClick={props.onTogglePlay}
          >
            {video.paused ? <PlayIcon /> : <PauseIcon />}
          </button>
          <div className="volume">
            <button
              type="button"
              className="icon-button"
              aria-label={muted ? t('player.unmute') : t('player.mute')}
              onClick={props.onToggleMute}
            >
              <VolumeIcon muted={muted} />
            </button>
            <input
              type="range"
              className="volume__input"
              data-role="volume"
              min={0}
              max={1}
              step={0.05}
              value={video.muted ? 0 : video.volume}
              aria-label={t('player.volume')}
              aria-valuetext={t('player.volumeValue', {
                percent: Math.round((video.muted ? 0 : video.volume) * 100),
              })}
              onChange={(e) => props.onVolume(Number(e.target.value))}
            />
          </div>
          <p className="player-bar__time">
            {t('player.time', {
              time: formatClock(video.time),
              duration: formatClock(video.duration),
            })}
          </p>
          <PlayerStats stats={props.stats} />
          {props.children}
          <button
            type="button"
            className="icon-button"
            aria-label={props.fullscreen ? t('player.exitFullscreen') : t('player.fullscreen')}
            onClick={props.onToggleFullscreen}
          >
            <FullscreenIcon active={props.fullscreen} />
          </button>
        </div>
      </div>
    </>
  );
}
