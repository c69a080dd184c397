// Brings one segment in: from neighbours first, from the origin only near its deadline (or at
// once for the first segments after tuning in, or when no neighbour could ever have it). Bytes are
// kept in order and checked against the signed manifest's SHA-256 before anyone may use them; a
// peer whose bytes fail the check is reported so it can be banned.
import type { ManifestSegment } from './manifest.js';
import { sha256Hex } from './manifest.js';
import type { SwarmPeer } from './channel-swarm.js';

/** A request making no progress for this long is given up and another source is tried. */
const STALL_MS = 1500;
/** A peer that said "none" is asked again after this long (it may have it by then). */
const RETRY_PEER_MS = 600;

export type SegmentSource = 'peer' | 'broadcaster' | 'origin';

export interface FetchPlan {
  /** the first segment after tuning in: the origin serves it before others */
  tuneIn?: boolean;
  /** local time the origin may be used from */
  originAt: number;
  /** local time the broadcaster's own seeding may be asked (before that, viewers only) */
  broadcasterAt: number;
}

export class SegmentFetch {
  readonly buffer: Buffer;
  got = 0;
  done = false;
  /** bytes received from each source, for the figures and for blame */
  readonly bytesFrom: Record<SegmentSource, number> = { peer: 0, broadcaster: 0, origin: 0 };
  private readonly contributors = new Set<SwarmPeer>();
  private current: { peer: SwarmPeer; since: number; lastProgress: number } | undefined;
  private readonly refusedAt = new Map<SwarmPeer, number>();
  /** an origin request is on its way (peers are still asked until its first bytes come) */
  originBusy = false;
  /** the origin has started sending: it carries the rest of the segment */
  originFlowing = false;
  /** stops the origin request when the segment is had another way or given up */
  readonly originAbort = new AbortController();
  originFailedAt = 0;

  constructor(
    readonly segment: ManifestSegment,
    readonly seenAt: number,
    readonly plan: FetchPlan,
  ) {
    this.buffer = Buffer.alloc(segment.bytes);
  }

  get asking(): SwarmPeer | undefined {
    return this.current?.peer;
  }

  /** Picks a neighbour to ask, or undefined; `now` decides whether the broadcaster may be asked. */
  choosePeer(neighbours: SwarmPeer[], now: number): SwarmPeer | undefined {
    if (this.done || this.originFlowing) return undefined;
    if (this.current) {
      if (!this.current.peer.peer.closed && now - this.current.lastProgress < STALL_MS)
        return undefined;
      this.refusedAt.set(this.current.peer, now);
      this.current = undefined;
    }
    const candidates = neighbours.filter((p) => {
      if (!p.have.has(this.segment.id) || p.peer.closed) return false;
      const refused = this.refusedAt.get(p);
      if (refused !== undefined && now - refused < RETRY_PEER_MS) return false;
      return p.role !== 'broadcaster' || now >= this.plan.broadcasterAt;
    });
    const viewers = candidates.filter((p) => p.role !== 'broadcaster');
    const pool = viewers.length > 0 ? viewers : candidates;
    const chosen = pool[Math.floor(Math.random() * pool.length)];
    if (chosen) this.current = { peer: chosen, since: now, lastProgress: now };
    return chosen;
  }

  /** The asked peer had nothing to give. */
  refused(peer: SwarmPeer, now: number): void {
    this.refusedAt.set(peer, now);
    if (this.current?.peer === peer) this.current = undefined;
  }

  /** Stops listening to the current peer (the origin takes over); returns it to send a cancel. */
  dropPeer(): SwarmPeer | undefined {
    const peer = this.current?.peer;
    this.current = undefined;
    return peer;
  }

  /**
   * Takes a chunk from a peer; false when the peer broke the rules (wrong size or place), which
   * is reason enough to ban it. Chunks from a peer not being asked are ignored.
   */
  takeFromPeer(
    peer: SwarmPeer,
    off: number,
    total: number,
    data: Uint8Array,
    now: number,
  ): boolean {
    if (this.done || this.current?.peer !== peer) return true;
    if (total !== this.segment.bytes) return false;
    if (off !== this.got) return true; // a resend after a switch; the order is kept by position
    Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(this.buffer, off);
    this.got += data.byteLength;
    this.bytesFrom[peer.role === 'broadcaster' ? 'broadcaster' : 'peer'] += data.byteLength;
    this.contributors.add(peer);
    this.current.lastProgress = now;
    return true;
  }

  /**
   * Takes origin bytes that start at `offset`; what a peer already brought in the meantime is
   * skipped, so the segment stays in order whichever source got there first.
   */
  takeFromOrigin(data: Uint8Array, offset: number): void {
    if (this.done) return;
    this.bytesFrom.origin += data.byteLength;
    const skip = Math.max(0, this.got - offset);
    const end = Math.min(offset + data.byteLength, this.segment.bytes);
    if (offset + skip >= end) return;
    Buffer.from(data.buffer, data.byteOffset + skip, end - offset - skip).copy(
      this.buffer,
      offset + skip,
    );
    this.got = end;
  }

  get complete(): boolean {
    return this.got >= this.segment.bytes;
  }

  /**
   * Checks the whole segment. Good: done. Bad: starts again from nothing and returns the peers
   * whose bytes were in it (the caller bans them once a clean copy proves them wrong).
   */
  verify(): { ok: true } | { ok: false; suspects: SwarmPeer[] } {
    if (sha256Hex(this.buffer) === this.segment.sha256) {
      this.done = true;
      this.current = undefined;
      this.originAbort.abort();
      return { ok: true };
    }
    const suspects = [...this.contributors];
    this.contributors.clear();
    this.got = 0;
    // bytes thrown away are no share of anything; the origin's still cost the origin, so they stay
    this.bytesFrom.peer = 0;
    this.bytesFrom.broadcaster = 0;
    this.current = undefined;
    return { ok: false, suspects };
  }
}
