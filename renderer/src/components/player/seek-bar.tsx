// The seek bar: a native range input (keyboard and screen reader support for free) over a track
// that shades the parts of the file already downloaded and fills up to the playhead. Where the
// pointer rests it shows the time there and asks the engine to start fetching it.
import { useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../lib/format';

interface Props {
  time: number;
  duration: number;
  /** downloaded parts as [start, end) fractions of the file */
  ranges: [number, number][];
  onSeek(seconds: number): void;
  /** the pointer rests over this time: a seek there is likely */
  onHover?(seconds: number): void;
}

export function SeekBar({ time, duration, ranges, onSeek, onHover }: Props) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<{ seconds: number; fraction: number } | null>(null);
  const played = duration > 0 ? Math.min(100, (time / duration) * 100) : 0;

  const onPointerMove = (event: PointerEvent<HTMLInputElement>) => {
    if (duration <= 0) return;
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = clamp((event.clientX - box.left) / Math.max(1, box.width));
    setHover({ seconds: fraction * duration, fraction });
    onHover?.(fraction * duration);
  };

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
      {hover && (
        <span
          className="seek__hover-time"
          aria-hidden="true"
          style={{ left: `${hover.fraction * 100}%` }}
        >
          {formatClock(hover.seconds)}
        </span>
      )}
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
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
      />
    </div>
  );
}

function clamp(fraction: number): number {
  return Math.min(1, Math.max(0, fraction));
}
