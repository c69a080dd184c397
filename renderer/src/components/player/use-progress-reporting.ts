// Tells the engine where the playhead is: when playback starts, every 2 s while playing, and on
// pause and seek. That saves the resume position, moves the engine's read-ahead window to where we
// are, and (from the first report) sizes it from the film's real bitrate.
import { useEffect } from 'react';
import { reportProgress, type Playhead } from '../../store/actions';

const EVERY_MS = 2000;
/** dragging the seek bar fires many seeks; only the last one in this window is reported */
const SEEK_SETTLE_MS = 250;

export function useProgressReporting(
  video: HTMLVideoElement | null,
  sessionId: string | undefined,
  playhead: () => Playhead | undefined,
): void {
  useEffect(() => {
    if (!video || !sessionId) return;
    const report = () => {
      const at = playhead();
      if (at) reportProgress(sessionId, at);
    };
    let settle: ReturnType<typeof setTimeout> | undefined;
    const onSeeked = () => {
      clearTimeout(settle);
      settle = setTimeout(report, SEEK_SETTLE_MS);
    };
    const timer = setInterval(() => {
      if (!video.paused) report();
    }, EVERY_MS);
    video.addEventListener('playing', report);
    video.addEventListener('pause', report);
    video.addEventListener('seeked', onSeeked);
    window.addEventListener('pagehide', report);
    return () => {
      clearInterval(timer);
      clearTimeout(settle);
      video.removeEventListener('playing', report);
      video.removeEventListener('pause', report);
      video.removeEventListener('seeked', onSeeked);
      window.removeEventListener('pagehide', report);
    };
  }, [video, sessionId, playhead]);
}
