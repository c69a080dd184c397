// Plays a live HLS playlist in the page's <video> through hls.js (Media Source Extensions),
// keeping a short, steady distance from the newest segment the engine made playable. It owns the
// hls.js instance and destroys it with the player; it never fetches anything but the playlist URL.
import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';

export interface HlsHandle {
  /** seconds between the playhead and the newest playable media, when known */
  latency(): number | undefined;
  goToLive(): void;
  /** a fatal player error, in English, or null */
  error: string | null;
}

export function useHls(
  video: HTMLVideoElement | null,
  url: string | undefined,
  syncSegments: number,
): HlsHandle {
  const hls = useRef<Hls | null>(null);
  const [error, setError] = useState<string | null>(null);
  const supported = Hls.isSupported();

  useEffect(() => {
    if (!video || !url || !supported) return;
    const player = new Hls({
      // the page's Content-Security-Policy allows no workers: transmux on the main thread
      enableWorker: false,
      lowLatencyMode: false,
      // the engine lists only verified segments, so a short distance is safe
      liveSyncDurationCount: syncSegments,
      liveMaxLatencyDurationCount: syncSegments + 4,
      maxLiveSyncPlaybackRate: 1.1,
      // when the channel goes off air the playlist stops growing: keep asking, never give up
      manifestLoadingMaxRetry: Infinity,
      levelLoadingMaxRetry: Infinity,
      fragLoadingMaxRetry: 6,
    });
    hls.current = player;
    player.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) player.recoverMediaError();
      else if (data.type === Hls.ErrorTypes.NETWORK_ERROR) player.startLoad();
      else setError(data.details);
    });
    player.on(Hls.Events.MANIFEST_PARSED, () => {
      // autoplay with sound: the user pressed Watch, which is the gesture browsers ask for
      video.play().catch(() => undefined);
    });
    player.loadSource(url);
    player.attachMedia(video);
    return () => {
      player.destroy();
      hls.current = null;
    };
  }, [video, url, syncSegments, supported]);

  return {
    error: supported
      ? error
      : 'This window cannot play live channels (no Media Source Extensions).',
    latency: () => {
      const value = hls.current?.latency;
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    },
    goToLive: () => {
      if (video) jumpToLive(video, hls.current?.liveSyncPosition);
    },
  };
}

/** Moves the playhead to the live sync point (or the end of what is buffered) and plays. */
function jumpToLive(video: HTMLVideoElement, target: number | null | undefined): void {
  if (typeof target === 'number' && Number.isFinite(target)) video.currentTime = target;
  else if (video.seekable.length > 0)
    video.currentTime = Math.max(0, video.seekable.end(video.seekable.length - 1) - 1);
  video.play().catch(() => undefined);
}
