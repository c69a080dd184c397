// A series' episodes in watching order (season, then episode) and the one after a given episode.
// Specials (season 0) follow each other but never interrupt the regular seasons.
import type { Episode } from './domain.js';

export function episodeOrder(episodes: readonly Episode[]): Episode[] {
  return [...episodes].sort((a, b) => a.season - b.season || a.episode - b.episode);
}

/** The episode to offer after `episodeId`, or undefined at the end of the series (or if unknown). */
export function nextEpisode(episodes: readonly Episode[], episodeId: string): Episode | undefined {
  const current = episodes.find((e) => e.id === episodeId);
  if (!current) return undefined;
  const special = current.season === 0;
  const ordered = episodeOrder(episodes).filter((e) => (e.season === 0) === special);
  const at = ordered.findIndex((e) => e.id === episodeId);
  return ordered[at + 1];
}
