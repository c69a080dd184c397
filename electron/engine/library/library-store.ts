// The user's library and settings, kept in memory and saved to <dataDir>/library.json.
// Never loses a user's file: a damaged one is set aside with a notice, never deleted or overwritten;
// one saved by a newer version is left byte-for-byte alone and the store opens read-only.
import { join } from 'node:path';
import type { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  libraryItemSchema,
  settingsSchema,
  type LibraryItem,
  type Settings,
} from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import type { LibraryChanges } from '../../../shared/library-changes.js';
import {
  BACKUP_FILE,
  LIBRARY_FILE,
  prepareDataDir,
  readJsonFile,
  removeLeftoverTempFiles,
  setAside,
} from './library-file.js';
import { LibraryJournal, type ReadonlyItem } from './library-journal.js';
import { CURRENT_LIBRARY_VERSION, migrateLibrary } from './library-migrations.js';
import { LibrarySaver, type SaveOptions } from './library-saver.js';

export interface LibraryState {
  version: number;
  items: LibraryItem[];
  settings: Settings;
}

type Decoded =
  | { ok: true; state: LibraryState; rejected: number; settingsReset: boolean; migrated: boolean }
  | { ok: false; reason: string; newer?: boolean };

interface Loaded {
  state: LibraryState;
  notices: string[];
  dirty: boolean;
  readOnly: boolean;
}

const NEWER_NOTICE =
  'Your library was saved by a newer version of Essaim. This version will not change it: update Essaim to see your titles again.';

/** Checks a parsed file entry by entry so one broken item does not cost the whole library. */
function decodeState(raw: unknown): Decoded {
  const migration = migrateLibrary(raw);
  if (!migration.ok) return migration;
  const { state } = migration;
  if (!Array.isArray(state.items)) return { ok: false, reason: 'it has no list of items' };
  const items: LibraryItem[] = [];
  let rejected = 0;
  for (const entry of state.items) {
    const parsed = libraryItemSchema.safeParse(entry);
    if (parsed.success && !items.some((i) => i.id === parsed.data.id)) items.push(parsed.data);
    else rejected++;
  }
  const rawSettings = (state.settings ?? {}) as Record<string, unknown>;
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  let settingsReset = typeof state.settings !== 'object' || state.settings === null;
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (!(key in rawSettings)) continue;
    const field = settingsSchema.shape[key].safeParse(rawSettings[key]);
    if (field.success) settings[key] = field.data;
    else settingsReset = true;
  }
  return {
    ok: true,
    state: { version: CURRENT_LIBRARY_VERSION, items, settings: settingsSchema.parse(settings) },
    rejected,
    settingsReset,
    migrated: migration.migrated,
  };
}

const fresh = (): LibraryState => ({
  version: CURRENT_LIBRARY_VERSION,
  items: [],
  settings: { ...DEFAULT_SETTINGS },
});

/**
 * A newer file is not damaged: setting it aside or saving over it would lose what the newer version
 * knows after a downgrade, so nothing is written at all. The backup, when this version can read it,
 * is shown meanwhile; it is left untouched too.
 */
async function loadNewer(dataDir: string): Promise<Loaded> {
  const backup = await readJsonFile(join(dataDir, BACKUP_FILE));
  const restored = backup.kind === 'ok' ? decodeState(backup.raw) : undefined;
  if (restored?.ok) {
    return {
      state: restored.state,
      notices: [
        `${NEWER_NOTICE} Meanwhile an older copy of your library is shown. Anything you add or change now will not be kept.`,
      ],
      dirty: false,
      readOnly: true,
    };
  }
  return {
    state: fresh(),
    notices: [`${NEWER_NOTICE} Anything you add now will not be kept.`],
    dirty: false,
    readOnly: true,
  };
}

async function loadState(dataDir: string): Promise<Loaded> {
  const notices: string[] = [];
  const main = await readJsonFile(join(dataDir, LIBRARY_FILE));
  const decoded: Decoded = main.kind === 'ok' ? decodeState(main.raw) : { ok: false, reason: '' };
  if (!decoded.ok && decoded.newer) return loadNewer(dataDir);
  if (decoded.ok) {
    if (decoded.rejected > 0) {
      const copy = await setAside(dataDir, LIBRARY_FILE, 'copy');
      notices.push(
        `${decoded.rejected} item(s) in your library could not be read and were left out. The original file was kept as ${copy}.`,
      );
    }
    if (decoded.settingsReset)
      notices.push('Some of your settings could not be read and were reset to their defaults.');
    const dirty = decoded.rejected > 0 || decoded.settingsReset || decoded.migrated;
    return { state: decoded.state, notices, dirty, readOnly: false };
  }

  let opening: string;
  if (main.kind === 'missing') {
    opening = 'Your library file was missing;';
  } else {
    const reason = main.kind === 'damaged' ? main.reason : decoded.reason;
    const aside = await setAside(dataDir, LIBRARY_FILE, 'move');
    opening = `Your library file could not be used (${reason}); it was set aside as ${aside} and`;
  }
  const backup = await readJsonFile(join(dataDir, BACKUP_FILE));
  const restored = backup.kind === 'ok' ? decodeState(backup.raw) : undefined;
  if (restored?.ok) {
    notices.push(`${opening} the last good copy was restored.`);
    return { state: restored.state, notices, dirty: true, readOnly: false };
  }
  // a first start has neither file: nothing to tell the user
  if (main.kind !== 'missing' || backup.kind !== 'missing') {
    notices.push(`${opening} no good copy was found, so your library starts empty.`);
  }
  return { state: fresh(), notices, dirty: false, readOnly: false };
}

const copy = <T>(value: T): T => structuredClone(value);

/** A change to a stored item is checked field by field: the rest was checked on the way in. */
const itemPatchSchema = libraryItemSchema.omit({ id: true }).partial();

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new CodedError(
    'invalid-input',
    `This ${what} is not valid${where}: ${issue?.message ?? 'unknown problem'}.`,
  );
}

export class LibraryStore {
  private readonly saver: LibrarySaver;
  private readonly journal = new LibraryJournal();

  private constructor(
    dataDir: string,
    private state: LibraryState,
    dirty: boolean,
    private readonly locked: boolean,
    saveOptions: SaveOptions,
  ) {
    this.saver = new LibrarySaver(
      dataDir,
      () => `${JSON.stringify(this.state, null, 2)}\n`,
      saveOptions,
    );
    if (dirty) this.changed();
  }

  /** True when library.json came from a newer version: changes stay in memory and are never saved. */
  get readOnly(): boolean {
    return this.locked;
  }

  /**
   * Opens (or creates) the library in `dataDir`; `notices` are messages to show the user.
   * `saveOptions.onReport` hears of saves that fail (they are retried) and work again.
   */
  static async open(
    dataDir: string,
    saveOptions: SaveOptions = {},
  ): Promise<{ store: LibraryStore; notices: string[] }> {
    await prepareDataDir(dataDir);
    await removeLeftoverTempFiles(dataDir);
    const { state, notices, dirty, readOnly } = await loadState(dataDir);
    return { store: new LibraryStore(dataDir, state, dirty, readOnly, saveOptions), notices };
  }

  items(): LibraryItem[] {
    return copy(this.state.items);
  }

  get(id: string): LibraryItem | undefined {
    const item = this.state.items.find((i) => i.id === id);
    return item && copy(item);
  }

  /** The ids, in library order: walking the library without copying it (file lists are large). */
  ids(): string[] {
    return this.state.items.map((i) => i.id);
  }

  /** The stored item itself, for reading on the spot: never kept, never changed (use patch). */
  peek(id: string): ReadonlyItem | undefined {
    return this.state.items.find((i) => i.id === id);
  }

  /** What changed since the last call (only the items that did, copied), or nothing. */
  takeChanges(): LibraryChanges | undefined {
    return this.journal.take((id) => this.state.items.find((i) => i.id === id));
  }

  /** Adds the item, or replaces the one with the same id in place. */
  upsert(item: LibraryItem): void {
    const valid = checked(libraryItemSchema, item, 'library item');
    const at = this.state.items.findIndex((i) => i.id === valid.id);
    if (at >= 0) this.state.items[at] = valid;
    else this.state.items.push(valid);
    this.journal.whole(valid.id);
    this.changed();
  }

  patch(id: string, partial: Partial<Omit<LibraryItem, 'id'>>): void {
    const at = this.state.items.findIndex((i) => i.id === id);
    const current = this.state.items[at];
    if (!current) throw new CodedError('not-found', 'This title is no longer in your library.');
    // re-checking a 10,000-file list each time a figure is saved would cost more than the change
    const valid = checked(itemPatchSchema, partial, 'library item');
    this.state.items[at] = { ...current, ...valid, id };
    if ('files' in partial) this.journal.whole(id);
    else this.journal.updated(id);
    this.changed();
  }

  remove(id: string): void {
    const before = this.state.items.length;
    this.state.items = this.state.items.filter((i) => i.id !== id);
    if (this.state.items.length === before) return;
    this.journal.removed(id);
    this.changed();
  }

  settings(): Settings {
    return copy(this.state.settings);
  }

  updateSettings(partial: Partial<Settings>): Settings {
    this.state.settings = checked(
      settingsSchema,
      { ...this.state.settings, ...partial },
      'setting',
    );
    this.changed();
    return this.settings();
  }

  /** Writes pending changes now; resolves once everything changed so far is on disk. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /** A last save; rejects (after reporting it) when it fails. */
  close(): Promise<void> {
    return this.saver.close();
  }

  private changed(): void {
    // read-only: the change lives in memory for this session, so nothing is ever written
    if (!this.locked) this.saver.changed();
  }
}
