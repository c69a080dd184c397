// Reads what the player's <video> actually decoded (bytes of sound, frames, picture size) and
// which tone it plays, from the page. Typed without DOM globals, like video.ts.
import type { Page } from '@playwright/test';

export interface Decoded {
  audioBytes: number;
  videoBytes: number;
  frames: number;
  width: number;
  currentTime: number;
  duration: number;
  error: number | null;
}

interface DecodingVideo {
  webkitAudioDecodedByteCount: number;
  webkitVideoDecodedByteCount: number;
  videoWidth: number;
  currentTime: number;
  duration: number;
  error: { code: number } | null;
  getVideoPlaybackQuality(): { totalVideoFrames: number };
}

export function decoded(page: Page): Promise<Decoded> {
  return page.getByTestId('player-video').evaluate((element) => {
    const v = element as unknown as DecodingVideo;
    return {
      audioBytes: v.webkitAudioDecodedByteCount,
      videoBytes: v.webkitVideoDecodedByteCount,
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
      width: v.videoWidth,
      currentTime: v.currentTime,
      duration: Number.isFinite(v.duration) ? v.duration : 0,
      error: v.error ? v.error.code : null,
    };
  });
}

/**
 * Routes the player's sound through an analyser (once) so `dominantFrequency` can tell which
 * track plays. The sound still reaches the speakers.
 */
export async function listenToPlayer(page: Page): Promise<void> {
  await page.getByTestId('player-video').evaluate((element) => {
    const g = globalThis as unknown as {
      AudioContext: new () => {
        createMediaElementSource(e: unknown): { connect(n: unknown): void };
        createAnalyser(): { fftSize: number; frequencyBinCount: number; connect(n: unknown): void };
        destination: unknown;
        resume(): Promise<void>;
        sampleRate: number;
      };
      essaimAnalyser?: unknown;
      essaimRate?: number;
    };
    if (g.essaimAnalyser) return;
    const context = new g.AudioContext();
    const source = context.createMediaElementSource(element);
    const analyser = context.createAnalyser();
    analyser.fftSize = 4096;
    source.connect(analyser);
    analyser.connect(context.destination);
    void context.resume();
    g.essaimAnalyser = analyser;
    g.essaimRate = context.sampleRate;
  });
}

/** The loudest frequency the player's sound holds right now, in Hz (0 when silent). */
export function dominantFrequency(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      essaimAnalyser?: { frequencyBinCount: number; getFloatFrequencyData(a: Float32Array): void };
      essaimRate?: number;
    };
    const analyser = g.essaimAnalyser;
    if (!analyser || !g.essaimRate) return 0;
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++)
      if ((bins[i] ?? -Infinity) > (bins[best] ?? -Infinity)) best = i;
    if ((bins[best] ?? -Infinity) < -90) return 0;
    return (best * g.essaimRate) / 2 / bins.length;
  });
}
