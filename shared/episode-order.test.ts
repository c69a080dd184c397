// The next episode follows season and episode numbers, whatever order the catalog lists them in.
import { describe, expect, it } from 'vitest';
import type { Episode } from './domain.js';
import { nextEpisode } from './episode-order.js';
import { isBarelyStarted, isNearEnd } from './watch-progress.js';

const ep = (id: string, season: number, episode: number): Episode => ({
  id,
  season,
  episode,
  name: id,
  source: 'x',
});
// listed out of order on purpose, with a special in between
const episodes = [
  ep('s2e1', 2, 1),
  ep('s1e2', 1, 2),
  ep('sp1', 0, 1),
  ep('s1e1', 1, 1),
  ep('sp2', 0, 2),
];

describe('nextEpisode', () => {
  it('goes to the next episode, then across seasons, and stops at the end', () => {
    expect(nextEpisode(episodes, 's1e1')?.id).toBe('s1e2');
    expect(nextEpisode(episodes, 's1e2')?.id).toBe('s2e1');
    expect(nextEpisode(episodes, 's2e1')).toBeUndefined();
  });

  it('keeps specials among themselves and knows nothing of unknown ids', () => {
    expect(nextEpisode(episodes, 'sp1')?.id).toBe('sp2');
    expect(nextEpisode(episodes, 'sp2')).toBeUndefined();
    expect(nextEpisode(episodes, 'nope')).toBeUndefined();
  });
});

describe('watch progress', () => {
  it('counts 90 % or the last 3 minutes as watched', () => {
    expect(isNearEnd(5400, 6000)).toBe(true);
    expect(isNearEnd(5830, 6000)).toBe(true);
    expect(isNearEnd(5000, 6000)).toBe(false);
    expect(isNearEnd(54, 60)).toBe(true);
    // a one-minute video is not "watched" at its first second
    expect(isNearEnd(1, 60)).toBe(false);
    expect(isNearEnd(100, undefined)).toBe(false);
    expect(isNearEnd(100, 0)).toBe(false);
  });

  it('leaves out what was barely started', () => {
    expect(isBarelyStarted(3, 60)).toBe(true);
    expect(isBarelyStarted(10, 60)).toBe(false);
    expect(isBarelyStarted(30, 6000)).toBe(true);
    expect(isBarelyStarted(120, 6000)).toBe(false);
  });
});
