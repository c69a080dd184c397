// Starts the stream once it has metadata: jumps to the resume point first, then plays.
// Until that jump is done the playhead is not the user's, so it must not be reported.
import { useCallback, useEffect, useRef } from 'react';
import type { Playhead } from '../../store/actions';
import { startAt } from './media';

export function useStreamSource(
  video: HTMLVideoElement | null,
  streamUrl: string | undefined,
  resumeAt: number,
) {
  const pendingSeek = useRef(0);

  useEffect(() => {
    if (!video || !streamUrl) return;
    pendingSeek.current = resumeAt;
    const onMetadata = () => {
      const at = pendingSeek.current;
      pendingSeek.current = 0;
      startAt(video, at);
    };
    video.addEventListener('loadedmetadata', onMetadata);
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) onMetadata();
    return () => video.removeEventListener('loadedmetadata', onMetadata);
  }, [video, streamUrl, resumeAt]);

  /** Where the user is, or undefined while that is not known yet (before metadata or resume). */
  const playhead = useCallback((): Playhead | undefined => {
    if (!video || pendingSeek.current > 0 || video.readyState < HTMLMediaElement.HAVE_METADATA)
      return undefined;
    const positionSeconds = Math.min(1e7, Math.max(0, video.currentTime));
    const duration = video.duration;
    return Number.isFinite(duration) && duration > 0
      ? { positionSeconds, durationSeconds: Math.min(1e7, duration) }
      : { positionSeconds };
  }, [video]);

  /** Reloads the stream after an error and comes back to the same moment. */
  const retry = useCallback(
    (at: number) => {
      if (!video) return;
      pendingSeek.current = at;
      video.load();
    },
    [video],
  );

  return { playhead, retry };
}
