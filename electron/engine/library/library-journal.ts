// Which library items changed since the window was last told, and how: whole (new, or its file
// list changed), updated (anything but its files) or removed. Keeps ids only, never item copies.
import type { LibraryItem } from '../../../shared/domain.js';
import type { LibraryChanges } from '../../../shared/library-changes.js';

type Change = 'whole' | 'updated' | 'removed';

/** A stored item lent for reading: a season pack's file list is too large to copy for a glance. */
export type ReadonlyItem = Readonly<Omit<LibraryItem, 'files'>> & {
  readonly files: readonly Readonly<LibraryItem['files'][number]>[];
};

export class LibraryJournal {
  private readonly pending = new Map<string, Change>();

  whole(id: string): void {
    this.pending.set(id, 'whole');
  }

  updated(id: string): void {
    // an item the window has not yet seen whole must still arrive whole
    if (this.pending.get(id) !== 'whole') this.pending.set(id, 'updated');
  }

  removed(id: string): void {
    this.pending.set(id, 'removed');
  }

  /** The pending changes, built from the items as they are now; empties the journal. */
  take(find: (id: string) => ReadonlyItem | undefined): LibraryChanges | undefined {
    if (this.pending.size === 0) return undefined;
    const changes: LibraryChanges = { items: [], updated: [], removed: [] };
    for (const [id, change] of this.pending) {
      const item = find(id);
      if (change === 'removed' || !item) changes.removed.push(id);
      else if (change === 'whole') changes.items.push(structuredClone(item) as LibraryItem);
      else {
        const { files: _files, ...rest } = item;
        changes.updated.push(structuredClone(rest));
      }
    }
    this.pending.clear();
    return changes;
  }
}
