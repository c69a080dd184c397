// Without ffmpeg nothing is known about a file before it plays. If it then plays with no sound
// decoded (AC3, DTS...), the player says the sound may need converting and what to install.
import { useEffect, useState } from 'react';
import type { MediaPlan } from '../../../../shared/media';

/** Seconds of playback with no sound decoded before the player speaks up. */
const SILENT_AFTER_SECONDS = 3;

interface DecodingVideo {
  webkitAudioDecodedByteCount?: number;
}

export function useSilentFileHint(
  video: HTMLVideoElement | null,
  plan: MediaPlan | undefined,
): boolean {
  const [silentFor, setSilentFor] = useState<MediaPlan | undefined>();
  useEffect(() => {
    if (!video || !plan || plan.ffmpeg || plan.mode !== 'direct') return;
    const check = () => {
      const bytes = (video as unknown as DecodingVideo).webkitAudioDecodedByteCount;
      // only where the browser counts decoded sound; elsewhere there is nothing to go on
      if (bytes === undefined || video.currentTime < SILENT_AFTER_SECONDS) return;
      if (bytes === 0) setSilentFor(plan);
      video.removeEventListener('timeupdate', check);
    };
    video.addEventListener('timeupdate', check);
    return () => video.removeEventListener('timeupdate', check);
  }, [video, plan]);
  return silentFor !== undefined && silentFor === plan;
}
