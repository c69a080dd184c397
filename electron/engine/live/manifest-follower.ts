// Keeps a viewer on the channel's newest signed manifest: from neighbours (pushed as soon as it
// exists) and from the origin (polled only when neighbours fall quiet). It says when the channel
// goes off air (no newer manifest for a few seconds) and when it comes back. A forged manifest
// from a peer gets that peer banned; a stale one is refused and said so.
import { EventEmitter } from 'node:events';
import type { ChannelSwarm, SwarmPeer } from './channel-swarm.js';
import {
  MAX_MANIFEST_BYTES,
  openManifest,
  type ManifestPayload,
  type ManifestProblem,
} from './manifest.js';
import { fetchFromOrigin, OriginError } from './origin-fetch.js';

export interface ManifestFollowerOptions {
  publicKey: string;
  origin: string;
  allowPrivate: boolean;
  swarm: ChannelSwarm;
  log: (message: string) => void;
  /** how old a manifest may be, by the broadcaster's clock (default 30 s) */
  maxAgeMs?: number;
  /** counts manifest bytes fetched from the origin */
  onOriginBytes?: (n: number) => void;
}

export type AirState = 'connecting' | 'on-air' | 'off-air';

/** Emits 'manifest' (payload) for each newer verified one, 'state' (AirState), 'problem' (text). */
export class ManifestFollower extends EventEmitter {
  current: ManifestPayload | undefined;
  state: AirState = 'connecting';
  originReachable = true;
  problem: string | undefined;
  /** why the last manifest from the origin was refused, for the window to say in its language */
  problemCode: ManifestProblem | undefined;
  private lastAdvance = 0;
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  private closed = false;

  constructor(private readonly opts: ManifestFollowerOptions) {
    super();
    opts.swarm.on('manifest', (bytes: Uint8Array, from: SwarmPeer) => this.accept(bytes, from));
    opts.swarm.on('peer', (peer: SwarmPeer) => {
      // a neighbour who just arrived gets the newest manifest at once
      if (this.currentBytes) opts.swarm.send(peer, { t: 'man', data: this.currentBytes });
    });
    this.timer = setInterval(() => this.tick(), 250);
    void this.poll();
  }

  private currentBytes: Uint8Array | undefined;

  /** ms without a newer manifest after which the channel counts as off air */
  get offAirAfterMs(): number {
    const target = this.current?.target ?? 2;
    return Math.max(4000, target * 3000) + 500;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = Date.now();
    const quietFor = now - this.lastAdvance;
    if (this.state === 'on-air' && quietFor > this.offAirAfterMs) this.setState('off-air');
    // neighbours push each manifest as it is signed (one per segment); the origin is asked only
    // when that push is overdue
    const pollAfter = (this.current?.target ?? 2) * 1500;
    if (this.state !== 'on-air' || quietFor > pollAfter) void this.poll();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      const bytes = await fetchFromOrigin(`${this.opts.origin}/manifest.json`, {
        allowPrivate: this.opts.allowPrivate,
        timeoutMs: 3000,
        maxBytes: MAX_MANIFEST_BYTES,
        onBytes: this.opts.onOriginBytes,
      });
      this.originReachable = true;
      this.accept(bytes, undefined);
    } catch (err) {
      if (this.originReachable) this.opts.log(`origin: ${String(err)}`);
      this.originReachable = false;
      if (!(err instanceof OriginError)) this.opts.log(`manifest poll failed: ${String(err)}`);
    } finally {
      this.polling = false;
    }
  }

  /** Checks a manifest from a neighbour (`from`) or the origin; uses it only when it is newer. */
  accept(bytes: Uint8Array, from: SwarmPeer | undefined): boolean {
    const opened = openManifest(bytes, this.opts.publicKey, {
      lastSeq: this.current?.seq,
      now: Date.now(),
      maxAgeMs: this.opts.maxAgeMs ?? 30_000,
    });
    if (!opened.ok) {
      if (opened.problem === 'old') return false; // the same news from another neighbour
      if (from && (opened.problem === 'bad-signature' || opened.problem === 'malformed')) {
        this.opts.swarm.ban(from.peer, opened.reason);
        return false;
      }
      if (!from) this.setProblem(opened.reason, opened.problem);
      return false;
    }
    this.setProblem(undefined, undefined);
    this.current = opened.manifest;
    this.currentBytes = opened.bytes;
    this.lastAdvance = Date.now();
    this.opts.swarm.sendAll({ t: 'man', data: opened.bytes }, from?.peer);
    this.emit('manifest', opened.manifest);
    if (this.state !== 'on-air') this.setState('on-air');
    return true;
  }

  private setProblem(problem: string | undefined, code: ManifestProblem | undefined): void {
    if (problem === this.problem) return;
    this.problem = problem;
    this.problemCode = code;
    if (problem) this.opts.log(problem);
    this.emit('problem', problem);
  }

  private setState(state: AirState): void {
    this.state = state;
    this.emit('state', state);
  }
}
