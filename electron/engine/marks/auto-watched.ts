// Marks a catalog film or episode as watched by itself once playback nears its end (see
// shared/watch-progress.ts). Only items that came from the catalog: a torrent opened by hand
// has no title to mark.
import type { UserMarks } from '../../../shared/domain.js';
import { isNearEnd } from '../../../shared/watch-progress.js';
import type { MarksStore } from './marks-store.js';

export interface WatchedItem {
  titleId?: string | undefined;
  episodeId?: string | undefined;
}

/** Answers the new marks when this report made the item watched, else undefined. */
export function markIfNearEnd(
  marks: MarksStore,
  item: WatchedItem | undefined,
  positionSeconds: number,
  durationSeconds: number | undefined,
): UserMarks | undefined {
  const id = item?.episodeId ?? item?.titleId;
  if (!id || !isNearEnd(positionSeconds, durationSeconds) || marks.isWatched(id)) return undefined;
  return marks.set({ id, watched: true });
}
