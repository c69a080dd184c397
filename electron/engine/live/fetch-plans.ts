// When a viewer may ask whom for each new segment: neighbours first, the broadcaster a little
// later (at once for a few viewers), the origin near the deadline. Pure; the viewer applies them.
import { tuneInCount, type ProfileRules } from './live-profile.js';
import type { ManifestSegment } from './manifest.js';
import type { FetchPlan } from './segment-fetch.js';

/**
 * The segments a viewer tunes in with, near the live edge and all fetched at once for a quick
 * start, each with its plan.
 */
export function tuneInPlans(
  fresh: ManifestSegment[],
  rules: ProfileRules,
  target: number,
  now: number,
): [ManifestSegment, FetchPlan][] {
  // the first one straight from the origin so the picture comes quickly; the rest, needed
  // one segment later each, may come from neighbours in the meantime
  return fresh.slice(-tuneInCount(rules, target)).map((seg, i) => {
    const originAt = now + i * seg.dur * 800;
    return [seg, { originAt, broadcasterAt: now, tuneIn: i === 0 }];
  });
}

/** The plan for a segment published after tuning in, among `viewers` viewers (this one counted). */
export function newSegmentPlan(rules: ProfileRules, viewers: number, now: number): FetchPlan {
  // a few viewers, chosen at random, take each new segment from the broadcaster at once so
  // the swarm has copies early; everyone else waits for them a little first
  const early = Math.random() < rules.earlyCopies / viewers;
  const broadcasterAt = early ? now : now + rules.p2pWindowMs * 0.3;
  return { originAt: now + rules.p2pWindowMs, broadcasterAt };
}
