// The subtitle lines over the picture. Cue text is untrusted: it is rendered as text nodes only
// (React escapes it), never as HTML.
import { activeCues } from './subtitle-loading';
import type { Subtitles } from './use-subtitles';

export function SubtitleText({ subtitles, time }: { subtitles: Subtitles; time: number }) {
  if (subtitles.selected === 'off') return null;
  const showing = activeCues(subtitles.cues, time - subtitles.offsetSeconds);
  if (showing.length === 0) return null;
  return (
    <div className={`subtitles subtitles--${subtitles.size}`} data-testid="subtitles">
      {showing.map((cue) => (
        <p key={`${cue.start}-${cue.text}`} className="subtitles__cue">
          {cue.text}
        </p>
      ))}
    </div>
  );
}
