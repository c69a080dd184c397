// Plays the engine's converted feed (fragmented MP4) through Media Source Extensions: the real
// duration, a native seek bar, and a seek outside what is buffered restarts the feed there.
// Reading pauses while a minute is buffered ahead, so the engine's ffmpeg waits too.

/** Stop reading while this much is buffered ahead of the playhead. */
const AHEAD_SECONDS = 60;
/** Keep this much behind the playhead when the browser's buffer is full. */
const BEHIND_SECONDS = 10;

export class MseFeed {
  private readonly source = new MediaSource();
  private readonly objectUrl = URL.createObjectURL(this.source);
  private buffer: SourceBuffer | undefined;
  private run: AbortController | undefined;
  private runStart = 0;
  private closed = false;
  private readonly opened: Promise<void>;

  constructor(
    private readonly video: HTMLVideoElement,
    private feedUrl: string,
    private mimeCodec: string,
    private readonly durationSeconds: number | undefined,
    /** the feed failed for good (not a seek or a stop): say so */
    private readonly onFailure: (reason: string) => void,
  ) {
    this.opened = new Promise((resolve) =>
      this.source.addEventListener('sourceopen', () => resolve(), { once: true }),
    );
    video.addEventListener('seeking', this.onSeeking);
    video.src = this.objectUrl;
  }

  /** Starts (or restarts) the feed at this time of the film. */
  async start(at: number): Promise<void> {
    this.run?.abort();
    const run = new AbortController();
    this.run = run;
    this.runStart = at;
    await this.opened;
    if (run.signal.aborted || this.closed) return;
    const buffer = this.ensureBuffer();
    if (!buffer) return;
    // the parser forgets the last feed's half-read box (only possible while the source is open)
    if (this.source.readyState === 'open') buffer.abort();
    let response: Response;
    try {
      response = await fetch(`${this.feedUrl}?ss=${at.toFixed(3)}`, { signal: run.signal });
    } catch {
      if (!run.signal.aborted) this.onFailure('network');
      return;
    }
    if (!response.ok || !response.body) {
      if (!run.signal.aborted) this.onFailure(`feed ${response.status}`);
      return;
    }
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (run.signal.aborted) return;
        if (done) break;
        await this.append(buffer, value, run.signal);
        await this.waitWhileAhead(run.signal);
      }
      // the film's end is in: let the element end instead of waiting for more
      if (this.source.readyState === 'open' && !buffer.updating) this.source.endOfStream();
    } catch (err) {
      if (!run.signal.aborted && !this.closed) this.onFailure(String(err));
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** Another feed of the same film (an audio track change): continue from the same moment. */
  async switchTo(feedUrl: string, mimeCodec: string): Promise<void> {
    this.run?.abort();
    this.run = undefined;
    const at = this.video.currentTime;
    const buffer = this.buffer;
    this.feedUrl = feedUrl;
    if (buffer) {
      if (this.source.readyState === 'open') buffer.abort();
      if (mimeCodec !== this.mimeCodec) buffer.changeType(mimeCodec);
      await this.untilIdle(buffer);
      // the old sound must not play on from what is buffered
      if (buffer.buffered.length > 0) {
        buffer.remove(0, Infinity);
        await this.untilIdle(buffer);
      }
    }
    this.mimeCodec = mimeCodec;
    await this.start(at);
  }

  close(): void {
    this.closed = true;
    this.run?.abort();
    this.video.removeEventListener('seeking', this.onSeeking);
    this.video.removeAttribute('src');
    this.video.load();
    URL.revokeObjectURL(this.objectUrl);
  }

  private ensureBuffer(): SourceBuffer | undefined {
    if (this.buffer) return this.buffer;
    try {
      if (this.durationSeconds) this.source.duration = this.durationSeconds;
      this.buffer = this.source.addSourceBuffer(this.mimeCodec);
      return this.buffer;
    } catch (err) {
      this.onFailure(String(err));
      return undefined;
    }
  }

  private readonly onSeeking = () => {
    const at = this.video.currentTime;
    if (this.isBuffered(at)) return;
    // the running feed is about to bring this moment: no restart for a seek just ahead of it
    const end = this.bufferedEndFrom(this.runStart) ?? this.runStart;
    if (this.run && at >= this.runStart - 0.5 && at <= end + 3) return;
    void this.start(at);
  };

  private isBuffered(at: number): boolean {
    const ranges = this.video.buffered;
    for (let i = 0; i < ranges.length; i++) {
      if (at >= ranges.start(i) && at < ranges.end(i) - 0.3) return true;
    }
    return false;
  }

  private bufferedEndFrom(at: number): number | undefined {
    const ranges = this.video.buffered;
    for (let i = 0; i < ranges.length; i++) {
      if (at >= ranges.start(i) - 1.5 && at <= ranges.end(i)) return ranges.end(i);
    }
    return undefined;
  }

  private async append(buffer: SourceBuffer, chunk: Uint8Array<ArrayBuffer>, signal: AbortSignal) {
    for (let attempt = 0; attempt < 2; attempt++) {
      await this.untilIdle(buffer);
      if (signal.aborted) return;
      try {
        buffer.appendBuffer(chunk);
        await this.untilIdle(buffer);
        return;
      } catch (err) {
        if ((err as DOMException).name !== 'QuotaExceededError' || attempt > 0) throw err;
        // the browser's buffer is full: drop what is well behind the playhead, then try again
        const behind = this.video.currentTime - BEHIND_SECONDS;
        if (behind <= 0) throw err;
        buffer.remove(0, behind);
      }
    }
  }

  private async waitWhileAhead(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.closed) {
      const end = this.bufferedEndFrom(this.video.currentTime);
      if (end === undefined || end - this.video.currentTime < AHEAD_SECONDS) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  private untilIdle(buffer: SourceBuffer): Promise<void> {
    if (!buffer.updating) return Promise.resolve();
    return new Promise((resolve) =>
      buffer.addEventListener('updateend', () => resolve(), { once: true }),
    );
  }
}
