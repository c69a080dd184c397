// The subtitle lines over the picture. Cue text is untrusted: it is rendered as text nodes only
// (React escapes it), never as HTML; italics and top placement come as flags from the parser.
import type { Cue } from '../../../../shared/subtitles/subtitle-cues';
import { activeCues } from './subtitle-loading';
import type { Subtitles } from './use-subtitles';

function Lines({ cues, where, size }: { cues: Cue[]; where: 'top' | 'bottom'; size: string }) {
  if (cues.length === 0) return null;
  return (
    <div className={`subtitles subtitles--${where} subtitles--${size}`} data-testid="subtitles">
      {cues.map((cue) => (
        <p
          key={`${cue.start}-${cue.text}`}
          className={`subtitles__cue${cue.italic ? ' subtitles__cue--italic' : ''}`}
        >
          {cue.text}
        </p>
      ))}
    </div>
  );
}

export function SubtitleText({ subtitles, time }: { subtitles: Subtitles; time: number }) {
  if (subtitles.selected === 'off') return null;
  const showing = activeCues(subtitles.cues, time - subtitles.offsetSeconds);
  return (
    <>
      <Lines cues={showing.filter((c) => c.top)} where="top" size={subtitles.size} />
      <Lines cues={showing.filter((c) => !c.top)} where="bottom" size={subtitles.size} />
    </>
  );
}
