// Plays a catalog film or episode: its library item when there is one (the engine resumes where
// the user stopped), else its source, added to the library first. Used by the details screen,
// Continue watching and the next-episode offer alike.
import { parseOpenInput } from '../../../shared/open-input';
import type { LibraryItem } from '../../../shared/domain';
import { playItem, playSource } from './actions';
import { useAppStore } from './app-store';

export interface CatalogEntry {
  label: string;
  source: string | undefined;
  titleId: string;
  episodeId?: string | undefined;
  fileName?: string | undefined;
}

/** The library item that plays this film or episode, if the user played it before. */
export function libraryItemFor(
  library: readonly LibraryItem[],
  titleId: string,
  episodeId: string | undefined,
): LibraryItem | undefined {
  return library.find(
    (i) =>
      i.titleId === titleId && (episodeId === undefined ? !i.episodeId : i.episodeId === episodeId),
  );
}

/** Whether the entry has something to play (a library item or a readable source). */
export function canPlay(entry: CatalogEntry): boolean {
  const item = libraryItemFor(useAppStore.getState().library, entry.titleId, entry.episodeId);
  return item !== undefined || (entry.source !== undefined && parseOpenInput(entry.source).ok);
}

export function playEntry(entry: CatalogEntry): void {
  const item = libraryItemFor(useAppStore.getState().library, entry.titleId, entry.episodeId);
  if (item) {
    void playItem(item.id);
    return;
  }
  const parsed = entry.source ? parseOpenInput(entry.source) : null;
  if (!parsed?.ok) return;
  void playSource({
    source: parsed.source,
    label: entry.label,
    titleId: entry.titleId,
    ...(entry.episodeId ? { episodeId: entry.episodeId } : {}),
    ...(entry.fileName ? { fileName: entry.fileName } : {}),
  });
}
