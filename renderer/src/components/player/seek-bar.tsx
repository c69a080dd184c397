// The seek bar: a native range input (keyboard and screen reader support for free) over a track
// that shades the parts of the file already downloaded and fills up to the playhead.
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../lib/format';

interface Props {
  time: number;
  duration: number;
  /** downloaded parts as [start, end) fractions of the file */
  ranges: [number, number][];
  onSeek(seconds: number): void;
}

export function SeekBar({ time, duration, ranges, onSeek }: Props) {
  const { t } = useTranslation();
  const played = duration > 0 ? Math.min(100, (time / duration) * 100) : 0;

  return (
    <div className="seek">
      <div className="seek__track" aria-hidden="true">
        {ranges.map(([start, end]) => (
          <span
            key={`${start}-${end}`}
            className="seek__downloaded"
            style={{
              left: `${clamp(start) * 100}%`,
              width: `${(clamp(end) - clamp(start)) * 100}%`,
            }}
          />
        ))}
        <span className="seek__played" style={{ width: `${played}%` }} />
      </div>
      <input
        type="range"
        className="seek__input"
        data-testid="seek-bar"
        min={0}
        max={duration > 0 ? duration : 0}
        step="any"
        value={Math.min(time, duration)}
        disabled={duration <= 0}
        aria-label={t('player.seek')}
        aria-valuetext={t('player.position', {
          time: formatClock(time),
          duration: formatClock(duration),
        })}
        onChange={(e) => onSeek(Number(e.target.value))}
      />
    </div>
  );
}

function clamp(fraction: number): number {
  return Math.min(1, Math.max(0, fraction));
}
