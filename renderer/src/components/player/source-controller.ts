// Owns what the <video> plays for one player: a plain URL, or a converted feed through Media
// Source Extensions. Switching between them keeps the moment the viewer was at.
import type { MediaPlan } from '../../../../shared/media';
import { MseFeed } from './mse-feed';

/** After a source change, come back to this moment once the new source knows its timeline. */
function resumeAfterLoad(video: HTMLVideoElement, at: number, wasPaused: boolean): void {
  video.addEventListener(
    'loadedmetadata',
    () => {
      video.currentTime = at;
      if (!wasPaused) video.play().catch(() => {});
    },
    { once: true },
  );
}

export class SourceController {
  private feed: MseFeed | undefined;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onFeedFailure: () => void,
  ) {}

  /** The first source of a playback, from `at` (the resume point). */
  begin(plan: MediaPlan, streamUrl: string, at: number): void {
    if (plan.mode === 'feed') this.startFeed(plan, at);
    else if (plan.mode === 'direct') this.startDirect(streamUrl);
  }

  /**
   * The same film, another plan (a sound track change, or a file that needs converting after a
   * direct start): continue from the current moment, or from `from` when given.
   */
  async change(plan: MediaPlan, streamUrl: string, from?: number): Promise<void> {
    const at = from ?? this.video.currentTime;
    const wasPaused = from !== undefined ? false : this.video.paused;
    if (plan.mode === 'unplayable') {
      // the engine says it cannot play: stop trying, the player says why
      this.close();
      this.video.removeAttribute('src');
      this.video.load();
      return;
    }
    if (plan.mode === 'feed' && plan.feedUrl && plan.mimeCodec) {
      if (this.feed) return this.feed.switchTo(plan.feedUrl, plan.mimeCodec);
      resumeAfterLoad(this.video, at, wasPaused);
      this.startFeed(plan, at);
    } else if (plan.mode === 'direct') {
      resumeAfterLoad(this.video, at, wasPaused);
      this.startDirect(streamUrl);
    }
  }

  retry(at: number): void {
    if (this.feed) {
      void this.feed.start(at);
      return;
    }
    resumeAfterLoad(this.video, at, false);
    this.video.load();
  }

  close(): void {
    this.feed?.close();
    this.feed = undefined;
  }

  private startDirect(url: string): void {
    this.close();
    this.video.src = url;
  }

  private startFeed(plan: MediaPlan, at: number): void {
    if (!plan.feedUrl || !plan.mimeCodec) return;
    this.close();
    this.feed = new MseFeed(
      this.video,
      plan.feedUrl,
      plan.mimeCodec,
      plan.durationSeconds,
      this.onFeedFailure,
    );
    void this.feed.start(at);
  }
}
