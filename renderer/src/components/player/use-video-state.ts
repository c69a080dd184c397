// Mirrors the <video> element's own state into React (time, pause, volume, waiting, errors),
// from its media events, so the controls never poll the element.
import { useEffect, useState } from 'react';

export interface VideoState {
  paused: boolean;
  time: number;
  duration: number;
  muted: boolean;
  volume: number;
  /** the element ran out of data (start-up or a stall) */
  waiting: boolean;
  /** enough data to start; false until the first canplay */
  canPlay: boolean;
  /** true once frames have actually played; start-up messages stop then */
  started: boolean;
  /** MediaError code (1..4) or null */
  errorCode: number | null;
}

const INITIAL: VideoState = {
  paused: true,
  time: 0,
  duration: 0,
  muted: false,
  volume: 1,
  waiting: false,
  canPlay: false,
  started: false,
  errorCode: null,
};

export function useVideoState(video: HTMLVideoElement | null): VideoState {
  const [state, setState] = useState(INITIAL);

  useEffect(() => {
    if (!video) return;
    const read = (patch: Partial<VideoState> = {}) =>
      setState((prev) => ({
        ...prev,
        paused: video.paused,
        time: video.currentTime,
        duration: Number.isFinite(video.duration) ? video.duration : 0,
        muted: video.muted,
        volume: video.volume,
        ...patch,
      }));
    const handlers: Record<string, () => void> = {
      loadstart: () => read({ errorCode: null, waiting: false, canPlay: false }),
      play: () => read(),
      pause: () => read(),
      timeupdate: () => read(),
      durationchange: () => read(),
      volumechange: () => read(),
      seeking: () => read(),
      seeked: () => read({ waiting: false }),
      waiting: () => read({ waiting: true }),
      canplay: () => read({ waiting: false, canPlay: true }),
      playing: () => read({ waiting: false, canPlay: true, started: true }),
      error: () => read({ errorCode: video.error?.code ?? 4, waiting: false }),
    };
    for (const [name, handler] of Object.entries(handlers)) video.addEventListener(name, handler);
    return () => {
      for (const [name, handler] of Object.entries(handlers))
        video.removeEventListener(name, handler);
    };
  }, [video]);

  return state;
}
