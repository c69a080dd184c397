// The library as the window receives it after its first snapshot: only what changed. A title's
// file list (10,000 entries in a season pack) travels only when it is new or its files changed.
import { z } from 'zod';
import { infoHashSchema, libraryItemSchema, type LibraryItem } from './domain.js';

/** A changed title without its file list: everything else about it, as it is now. */
export const libraryItemUpdateSchema = libraryItemSchema.omit({ files: true }).strict();
export type LibraryItemUpdate = z.infer<typeof libraryItemUpdateSchema>;

export const libraryChangesSchema = z.object({
  /** titles new to the library, or whose file list changed: whole, in library order */
  items: z.array(libraryItemSchema),
  /** other titles that changed (figures, status, position, chosen file): without their files */
  updated: z.array(libraryItemUpdateSchema),
  /** titles taken out of the library */
  removed: z.array(infoHashSchema),
});
export type LibraryChanges = z.infer<typeof libraryChangesSchema>;

/**
 * The library after `changes`. Untouched titles, and the file list of an updated one, keep their
 * identity, so a screen showing 10,000 files does not redraw them when only a figure moved. An
 * update for a title not known here is dropped: the next snapshot brings it whole.
 */
export function applyLibraryChanges(
  library: readonly LibraryItem[],
  changes: LibraryChanges,
): LibraryItem[] {
  const removed = new Set(changes.removed);
  const whole = new Map(changes.items.map((item) => [item.id, item]));
  const updated = new Map(changes.updated.map((item) => [item.id, item]));
  const next: LibraryItem[] = [];
  for (const item of library) {
    if (removed.has(item.id)) continue;
    const replacement = whole.get(item.id);
    whole.delete(item.id);
    const update = updated.get(item.id);
    if (replacement) next.push(replacement);
    else if (update) next.push({ ...update, files: item.files });
    else next.push(item);
  }
  for (const item of whole.values()) if (!removed.has(item.id)) next.push(item);
  return next;
}
