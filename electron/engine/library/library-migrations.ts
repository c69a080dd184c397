// Brings a saved library from any older shape up to the current one, one version at a time.
// Each step is pure and keeps every field it does not know about; it never reads or writes files.

export const CURRENT_LIBRARY_VERSION = 1;

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const mapItems = (state: Raw, step: (item: Raw) => Raw): unknown =>
  Array.isArray(state.items)
    ? state.items.map((item: unknown) => (isRecord(item) ? step(item) : item))
    : state.items;

/** MIGRATIONS[n] turns a version-n library into version n+1. */
export const MIGRATIONS: ReadonlyArray<(state: Raw) => Raw> = [
  // 0 -> 1: the saved playhead was called `position`; it is now `positionSeconds`.
  (state) => ({
    ...state,
    items: mapItems(state, ({ position, ...item }) => ({
      ...item,
      positionSeconds: item.positionSeconds ?? position ?? 0,
    })),
  }),
];

export type MigrationResult =
  { ok: true; state: Raw; migrated: boolean } | { ok: false; reason: string; newer?: boolean };

/** Files written before versions existed have no `version` field and count as version 0. */
export function migrateLibrary(raw: unknown): MigrationResult {
  if (!isRecord(raw)) return { ok: false, reason: 'it is not a library file' };
  const version = raw.version ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, reason: 'its version number is broken' };
  }
  if (version > CURRENT_LIBRARY_VERSION) {
    // flagged apart from damage: the caller must leave such a file untouched, not set it aside
    return { ok: false, reason: 'it was saved by a newer version of Essaim', newer: true };
  }
  let state = raw;
  for (let v = version; v < CURRENT_LIBRARY_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, reason: `there is no upgrade from version ${v}` };
    state = { ...step(state), version: v + 1 };
  }
  return { ok: true, state, migrated: version !== CURRENT_LIBRARY_VERSION };
}
