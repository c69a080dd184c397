// What one viewer reports about its channel: where its bytes came from, what it relayed, how far
// behind live it plays. The figures the window, the headless viewer and the benchmarks read.
import type { AirState } from './manifest-follower.js';

export interface LiveFigures {
  state: AirState;
  peers: number;
  bytesFromPeers: number;
  bytesFromBroadcaster: number;
  bytesFromOrigin: number;
  manifestBytesFromOrigin: number;
  uploaded: number;
  /** share of segment bytes that came from other viewers, 0..1 */
  offload: number;
  /** 1 - origin bytes / all bytes: here the broadcaster's own seeding counts as not origin */
  offloadVsOrigin: number;
  segmentsPlayable: number;
  segmentsSkipped: number;
  bannedPeers: number;
  originReachable: boolean;
  /** ms from start to the first playable segment */
  startupMs?: number;
  /** seconds between the broadcaster publishing the newest playable segment and now */
  edgeLagSeconds?: number;
  problem?: string;
}
