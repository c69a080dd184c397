// The latency profiles a viewer picks from: how long a new segment is left to the swarm before
// the origin is asked (the "slack" that buys offload), and how the player keeps its distance.
export type LatencyProfile = 'standard' | 'low-latency';

export interface ProfileRules {
  /** ms a new segment is fetched only from neighbours before the origin fills in the rest */
  p2pWindowMs: number;
  /** segments fetched at tune-in besides those covering the P2P window (see tuneInCount) */
  startSegments: number;
  /** the player stays this many segments behind the newest one it was given */
  playerSyncSegments: number;
  /** about this many viewers fetch each new segment from the broadcaster at once */
  earlyCopies: number;
}

export const PROFILES: Record<LatencyProfile, ProfileRules> = {
  // about 2 segments of slack: most bytes come from neighbours
  standard: { p2pWindowMs: 5000, startSegments: 1, playerSyncSegments: 2, earlyCopies: 2 },
  // closer to live; the origin is asked sooner, so neighbours carry less
  'low-latency': { p2pWindowMs: 1500, startSegments: 1, playerSyncSegments: 1, earlyCopies: 3 },
};

/**
 * How many segments back from the live edge a viewer tunes in: enough to play while each new
 * segment spends its P2P window in the swarm, so the first ones (fetched at once) are not eaten
 * before the next ones may be fetched, which would stall once right after the start.
 */
export function tuneInCount(rules: ProfileRules, segmentSeconds: number): number {
  return Math.ceil(rules.p2pWindowMs / 1000 / Math.max(0.5, segmentSeconds)) + rules.startSegments;
}
