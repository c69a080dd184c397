// One viewer of one channel: follows the signed manifest, brings each new segment in (neighbours
// first, the origin near the deadline), relays what it verified within its upload budget, and
// keeps the local playlist and the figures. Plain Node; the window, the headless viewer and the
// tests all drive this same class. It never hands out a byte that failed its hash.
import { EventEmitter } from 'node:events';
import type { ChannelLink } from '../../../shared/channel-link.js';
import type { TorrentClient } from '../torrent/torrent-client.js';
import { ChannelSwarm, type SwarmPeer } from './channel-swarm.js';
import type { LiveMessage } from './live-wire.js';
import { newSegmentPlan, tuneInPlans } from './fetch-plans.js';
import { PROFILES, type LatencyProfile } from './live-profile.js';
import type { LiveFigures } from './live-figures.js';
import { ManifestFollower, type AirState } from './manifest-follower.js';
import type { ManifestPayload } from './manifest.js';
import { HeldSegments } from './held-segments.js';
import { fetchFromOrigin } from './origin-fetch.js';
import { SegmentFetch } from './segment-fetch.js';

export type { LiveFigures } from './live-figures.js';

export interface LiveViewerOptions {
  client: TorrentClient;
  link: ChannelLink;
  profile: LatencyProfile;
  /** bytes/s of segment data relayed to other viewers; 0 = do not share */
  uploadRate: number;
  allowPrivate: boolean;
  log?: (message: string) => void;
  /** how old a manifest may be (default 30 s) */
  maxManifestAgeMs?: number;
}

/** Emits 'playlist' when a segment becomes playable and 'state' (AirState). */
export class LiveViewer extends EventEmitter {
  readonly swarm: ChannelSwarm;
  readonly manifests: ManifestFollower;
  private readonly rules;
  private readonly fetches = new Map<number, SegmentFetch>();
  private readonly held = new HeldSegments();
  private tunedIn = false;
  private readonly startedAt = Date.now();
  private skipped = 0;
  private totals = { peer: 0, broadcaster: 0, origin: 0, manifest: 0 };
  private readonly timer: NodeJS.Timeout;
  private readonly log: (message: string) => void;
  private closed = false;

  constructor(private readonly opts: LiveViewerOptions) {
    super();
    this.log = opts.log ?? (() => {});
    this.rules = PROFILES[opts.profile];
    this.swarm = new ChannelSwarm({
      client: opts.client,
      publicKey: opts.link.publicKey,
      trackers: opts.link.trackers,
      role: 'viewer',
      uploadRate: opts.uploadRate,
      segment: (id) => this.held.data(id),
      held: () => this.held.ids(),
      log: this.log,
    });
    this.manifests = new ManifestFollower({
      publicKey: opts.link.publicKey,
      origin: opts.link.origin,
      allowPrivate: opts.allowPrivate,
      swarm: this.swarm,
      log: this.log,
      maxAgeMs: opts.maxManifestAgeMs,
      onOriginBytes: (n) => (this.totals.manifest += n),
    });
    this.manifests.on('manifest', (m: ManifestPayload) => this.onManifest(m));
    this.manifests.on('state', (s: AirState) => this.emit('state', s));
    this.swarm.on('data', (peer: SwarmPeer, msg: Extract<LiveMessage, { t: 'data' }>) =>
      this.onData(peer, msg),
    );
    this.swarm.on('none', (peer: SwarmPeer, id: number) =>
      this.fetches.get(id)?.refused(peer, Date.now()),
    );
    this.swarm.on('have', () => this.schedule());
    this.timer = setInterval(() => this.schedule(), 150);
  }

  setProfile(profile: LatencyProfile): void {
    Object.assign(this.rules, PROFILES[profile]);
  }

  setUploadRate(rate: number): void {
    this.swarm.setUploadRate(rate);
  }

  playlist(): string {
    return this.held.playlist(this.manifests.current?.target ?? 2);
  }

  /** A verified segment's bytes, for the local stream server; undefined when not held. */
  segment(id: number): Uint8Array | undefined {
    return this.held.data(id);
  }

  figures(): LiveFigures {
    const { peer, broadcaster, origin, manifest } = this.totals;
    const all = peer + broadcaster + origin;
    const newest = this.held.newest();
    const firstPlayableAt = this.held.firstPlayableAt;
    return {
      state: this.manifests.state,
      peers: this.swarm.neighbours().length,
      bytesFromPeers: peer,
      bytesFromBroadcaster: broadcaster,
      bytesFromOrigin: origin,
      manifestBytesFromOrigin: manifest,
      uploaded: this.swarm.uploaded,
      offload: all > 0 ? peer / all : 0,
      offloadVsOrigin: all > 0 ? 1 - origin / all : 0,
      segmentsPlayable: this.held.playableCount,
      segmentsSkipped: this.skipped,
      bannedPeers: this.swarm.bans,
      originReachable: this.manifests.originReachable,
      startupMs: firstPlayableAt === undefined ? undefined : firstPlayableAt - this.startedAt,
      edgeLagSeconds: newest ? (Date.now() - newest.seg.at) / 1000 : undefined,
      problem: this.manifests.problem,
    };
  }

  /** Media time of the playable segments, in order, with when each became playable (ms). */
  timeline(): { id: number; dur: number; exposedAt: number; at: number }[] {
    return this.held.timeline();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.manifests.close();
    this.swarm.close();
  }

  private onManifest(manifest: ManifestPayload): void {
    const now = Date.now();
    let fresh = manifest.segments.filter((s) => !this.fetches.has(s.id) && !this.held.has(s.id));
    const lastExposedId = this.held.lastExposedId;
    if (lastExposedId !== undefined) fresh = fresh.filter((s) => s.id > lastExposedId);
    if (!this.tunedIn) {
      // tune in near the live edge: the last few segments, fetched at once for a quick start
      this.tunedIn = true;
      for (const [seg, plan] of tuneInPlans(fresh, this.rules, manifest.target, now))
        this.fetches.set(seg.id, new SegmentFetch(seg, now, plan));
    } else {
      const viewers = this.swarm.viewerCount() + 1;
      for (const seg of fresh)
        this.fetches.set(
          seg.id,
          new SegmentFetch(seg, now, newSegmentPlan(this.rules, viewers, now)),
        );
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed) return;
    const now = Date.now();
    const neighbours = this.swarm.neighbours();
    for (const fetch of this.fetches.values()) {
      if (fetch.done) continue;
      const noOneHasIt = !neighbours.some((p) => p.have.has(fetch.segment.id));
      const originDue =
        now >= fetch.plan.originAt ||
        (noOneHasIt && now >= fetch.plan.broadcasterAt + this.rules.p2pWindowMs * 0.5);
      if (originDue && !fetch.originBusy && now - fetch.originFailedAt > 1000) {
        void this.fromOrigin(fetch);
      }
      const peer = fetch.choosePeer(neighbours, now);
      if (peer) this.swarm.send(peer, { t: 'req', id: fetch.segment.id, from: fetch.got });
    }
    this.giveUpLate(now);
    this.swarm.prune();
  }

  private async fromOrigin(fetch: SegmentFetch): Promise<void> {
    fetch.originBusy = true;
    let offset = fetch.got;
    try {
      // bytes are kept as they come: if the transfer is cut, the next source starts from there
      const tuneIn = fetch.plan.tuneIn ? '?tune-in=1' : '';
      await fetchFromOrigin(`${this.opts.link.origin}/segments/${fetch.segment.id}.ts${tuneIn}`, {
        allowPrivate: this.opts.allowPrivate,
        timeoutMs: 10_000,
        maxBytes: fetch.segment.bytes - offset,
        from: offset,
        signal: fetch.originAbort.signal,
        onData: (chunk) => {
          if (!fetch.originFlowing) {
            // the origin carries the rest now: the peer being asked is let go
            fetch.originFlowing = true;
            const dropped = fetch.dropPeer();
            if (dropped) this.swarm.send(dropped, { t: 'cancel', id: fetch.segment.id });
          }
          fetch.takeFromOrigin(chunk, offset);
          offset += chunk.byteLength;
        },
      });
      this.manifests.originReachable = true;
      this.finish(fetch, true);
    } catch (err) {
      if (fetch.done || !this.fetches.has(fetch.segment.id)) return; // had another way, or given up
      fetch.originFailedAt = Date.now();
      this.manifests.originReachable = false;
      this.log(
        `segment ${fetch.segment.id} from the origin: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      fetch.originBusy = false;
      fetch.originFlowing = false;
    }
  }

  private onData(peer: SwarmPeer, msg: Extract<LiveMessage, { t: 'data' }>): void {
    const fetch = this.fetches.get(msg.id);
    if (!fetch) return;
    if (!fetch.takeFromPeer(peer, msg.off, msg.total, msg.data, Date.now())) {
      this.ban(peer, 'it sent a segment of the wrong size');
      return;
    }
    if (fetch.complete) this.finish(fetch, false);
  }

  private finish(fetch: SegmentFetch, viaOrigin: boolean): void {
    if (!fetch.complete || fetch.done) return;
    const mixed = fetch.bytesFrom.origin > 0;
    const checked = fetch.verify();
    if (!checked.ok) {
      // bytes from peers alone are judged by the signed hash; mixed with the origin's, the origin
      // is asked for the whole segment first and the peers are banned only if that copy is good
      if (!mixed)
        for (const p of checked.suspects) this.ban(p, 'it sent a segment that fails its hash');
      else this.suspects.set(fetch.segment.id, checked.suspects);
      fetch.plan.originAt = Date.now();
      if (viaOrigin && !mixed)
        this.log(`segment ${fetch.segment.id} from the origin failed its hash`);
      return;
    }
    for (const p of this.suspects.get(fetch.segment.id) ?? [])
      this.ban(p, 'it sent a segment that fails its hash');
    this.suspects.delete(fetch.segment.id);
    this.totals.peer += fetch.bytesFrom.peer;
    this.totals.broadcaster += fetch.bytesFrom.broadcaster;
    this.totals.origin += fetch.bytesFrom.origin;
    this.held.add(fetch);
    // not sharing: neighbours are not told, so they do not ask in vain
    if (this.swarm.sharing) this.swarm.sendAll({ t: 'have', id: fetch.segment.id });
    this.expose();
  }

  private readonly suspects = new Map<number, SwarmPeer[]>();

  private ban(peer: SwarmPeer, why: string): void {
    if (this.swarm.isBanned(peer.peer)) return;
    this.swarm.ban(peer.peer, why);
  }

  /** Moves verified segments into the playlist, in order; a segment given up leaves a break. */
  private expose(): void {
    this.held.expose(this.fetches, Date.now());
    this.emit('playlist');
  }

  /** A segment far past its deadline is given up, so the ones after it can play. */
  private giveUpLate(now: number): void {
    const limit = this.rules.p2pWindowMs + 4000 + (this.manifests.current?.target ?? 2) * 2000;
    let gaveUp = false;
    for (const [id, fetch] of this.fetches) {
      if (!fetch.done && now - fetch.seenAt > limit && this.laterReady(id)) {
        this.fetches.delete(id);
        fetch.originAbort.abort();
        this.skipped++;
        gaveUp = true;
        this.log(`segment ${id} could not be had in time; skipped`);
      }
    }
    if (gaveUp) this.expose();
  }

  private laterReady(id: number): boolean {
    for (const [other, fetch] of this.fetches) if (other > id && fetch.done) return true;
    return false;
  }
}
