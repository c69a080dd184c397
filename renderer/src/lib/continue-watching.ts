// What Continue watching lists: catalog films and episodes started but not finished, most
// recently played first, one entry per film or episode. Pure: library, shelf and marks in.
import type { CatalogView, Episode, LibraryItem, Title, UserMarks } from '../../../shared/domain';
import { isBarelyStarted, isNearEnd } from '../../../shared/watch-progress';

export interface ContinueEntry {
  item: LibraryItem;
  title: Title;
  episode?: Episode;
  /** 0..1 of the way through, when the duration is known */
  share?: number;
}

export function continueWatching(
  library: readonly LibraryItem[],
  catalog: CatalogView | null,
  marks: UserMarks,
  limit = 20,
): ContinueEntry[] {
  if (!catalog) return [];
  const titles = new Map(catalog.titles.map((t) => [t.id, t]));
  const seen = new Set<string>();
  const entries: ContinueEntry[] = [];
  const recentFirst = [...library].sort(
    (a, b) => (b.lastPlayedAt ?? b.addedAt) - (a.lastPlayedAt ?? a.addedAt),
  );
  for (const item of recentFirst) {
    const title = item.titleId === undefined ? undefined : titles.get(item.titleId);
    if (!title) continue;
    const episode = item.episodeId
      ? title.episodes?.find((e) => e.id === item.episodeId)
      : undefined;
    if (item.episodeId && !episode) continue;
    const key = item.episodeId ?? item.titleId ?? item.id;
    if (seen.has(key) || Object.hasOwn(marks.watched, key)) continue;
    const { positionSeconds: at, durationSeconds: length } = item;
    if (isBarelyStarted(at, length) || isNearEnd(at, length)) continue;
    seen.add(key);
    entries.push({
      item,
      title,
      ...(episode ? { episode } : {}),
      ...(length ? { share: Math.min(1, at / length) } : {}),
    });
    if (entries.length >= limit) break;
  }
  return entries;
}

/** The titles on My list that the shelf still has, in the list's order (most recent first). */
export function myListTitles(catalog: CatalogView | null, marks: UserMarks): Title[] {
  if (!catalog) return [];
  const titles = new Map(catalog.titles.map((t) => [t.id, t]));
  return marks.myList.map((id) => titles.get(id)).filter((t): t is Title => t !== undefined);
}
