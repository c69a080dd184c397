// A stand-in for the window's player in the headless viewer: it "plays" the playable segments in
// real time from the first one on, and measures stalls and how far behind live it is. It reads
// only the viewer's timeline; it never fetches anything.
export interface TimelineEntry {
  id: number;
  dur: number;
  /** local ms when it became playable */
  exposedAt: number;
  /** broadcaster's ms when it was published (its last frame is about that old) */
  at: number;
}

export class PlayheadModel {
  /** seconds of media played */
  position = 0;
  stalls = 0;
  stalledMs = 0;
  playedMs = 0;
  private last: number | undefined;
  private stalled = false;
  readonly behindLive: number[] = [];
  private readonly durations = new Map<number, number>();
  private order: TimelineEntry[] = [];
  /** times it jumped forward to the live edge after falling too far behind, as hls.js does */
  jumps = 0;

  /**
   * `maxLagSegments`: how many segments behind the newest playable media it may fall before
   * jumping to `syncSegments` from it (hls.js: liveMaxLatencyDurationCount, liveSyncDurationCount).
   */
  constructor(
    private readonly lag: { syncSegments: number; maxLagSegments: number } = {
      syncSegments: 2,
      maxLagSegments: 6,
    },
  ) {}

  /** Advances to `now` given what is playable; call a few times a second. */
  sample(now: number, timeline: TimelineEntry[]): void {
    for (const e of timeline) {
      if (!this.durations.has(e.id)) {
        this.durations.set(e.id, e.dur);
        this.order.push(e);
      }
    }
    if (this.order.length === 0) return;
    if (this.last === undefined) {
      this.last = now;
      return;
    }
    const elapsed = now - this.last;
    this.last = now;
    const available = this.order.reduce((sum, e) => sum + e.dur, 0);
    const dur = this.order[this.order.length - 1]?.dur ?? 2;
    if (available - this.position > this.lag.maxLagSegments * dur) {
      this.position = available - this.lag.syncSegments * dur;
      this.jumps++;
    }
    const room = available - this.position;
    if (room <= 0.05) {
      if (!this.stalled) this.stalls++;
      this.stalled = true;
      this.stalledMs += elapsed;
      return;
    }
    this.stalled = false;
    this.playedMs += elapsed;
    this.position = Math.min(available, this.position + elapsed / 1000);
    const behind = this.behindAt(now);
    if (behind !== undefined) this.behindLive.push(behind);
  }

  /** Seconds between the frame under the playhead being captured and now. */
  behindAt(now: number): number | undefined {
    let start = 0;
    for (const e of this.order) {
      if (this.position < start + e.dur)
        return (now - (e.at - (e.dur - (this.position - start)) * 1000)) / 1000;
      start += e.dur;
    }
    return undefined;
  }
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
