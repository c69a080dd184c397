// The segments this viewer has verified and the playlist window over them: what it relays, what
// the local stream serves and in what order the player gets it. Holds only bytes that passed their hash.
import { playlistText, type PlaylistEntry } from './live-playlist.js';
import type { ManifestSegment } from './manifest.js';
import type { SegmentFetch } from './segment-fetch.js';

const PLAYLIST_WINDOW = 15;
/** verified segments kept for relaying and for seeking back */
const KEEP_SEGMENTS = 20;

interface HeldSegment {
  data: Uint8Array;
  seg: ManifestSegment;
  exposedAt: number;
}

export class HeldSegments {
  private readonly verified = new Map<number, HeldSegment>();
  private readonly entries: PlaylistEntry[] = [];
  private discontinuitiesDropped = 0;
  /** segments made playable so far (the next playlist position) */
  private nextSeq = 0;
  private lastId: number | undefined;
  private firstAt: number | undefined;

  /** The id of the newest segment in the playlist, once there is one. */
  get lastExposedId(): number | undefined {
    return this.lastId;
  }

  get playableCount(): number {
    return this.nextSeq;
  }

  /** Local time the first segment became playable. */
  get firstPlayableAt(): number | undefined {
    return this.firstAt;
  }

  has(id: number): boolean {
    return this.verified.has(id);
  }

  /** A verified segment's bytes; undefined when not held. */
  data(id: number): Uint8Array | undefined {
    return this.verified.get(id)?.data;
  }

  /** The ids offered to neighbours: the most recent ones kept. */
  ids(): number[] {
    return [...this.verified.keys()].slice(-KEEP_SEGMENTS);
  }

  /** The newest playable segment, for the edge lag. */
  newest(): HeldSegment | undefined {
    return this.lastId === undefined ? undefined : this.verified.get(this.lastId);
  }

  /** Keeps a fetch's bytes once they passed their hash. */
  add(fetch: SegmentFetch): void {
    this.verified.set(fetch.segment.id, { data: fetch.buffer, seg: fetch.segment, exposedAt: 0 });
  }

  /**
   * Moves verified segments into the playlist, in order, taking them out of `fetches`; a
   * segment given up leaves a break.
   */
  expose(fetches: Map<number, SegmentFetch>, now: number): void {
    const order = [...fetches.keys()].sort((a, b) => a - b);
    for (const id of order) {
      const fetch = fetches.get(id) as SegmentFetch;
      const held = this.verified.get(id);
      if (!fetch.done || !held) break;
      held.exposedAt = now;
      const discontinuity = this.lastId !== undefined && id !== this.lastId + 1;
      this.entries.push({ seq: this.nextSeq++, id, dur: fetch.segment.dur, discontinuity });
      this.lastId = id;
      fetches.delete(id);
      this.firstAt ??= now;
    }
    while (this.entries.length > PLAYLIST_WINDOW) {
      if (this.entries.shift()?.discontinuity) this.discontinuitiesDropped++;
    }
    while (this.verified.size > KEEP_SEGMENTS)
      this.verified.delete(this.verified.keys().next().value as number);
  }

  playlist(target: number): string {
    return playlistText(this.entries, target, this.discontinuitiesDropped);
  }

  /** Media time of the playable segments, in order, with when each became playable (ms). */
  timeline(): { id: number; dur: number; exposedAt: number; at: number }[] {
    return this.entries.map((e) => {
      const v = this.verified.get(e.id);
      return { id: e.id, dur: e.dur, exposedAt: v?.exposedAt ?? 0, at: v?.seg.at ?? 0 };
    });
  }
}
