// Ready-made sources the Sources page offers with one click. Each carries its own words in every
// language the window speaks, so adding a preset touches only this list.
import type { SourceKind } from './domain.js';

export interface SourcePreset {
  /** stable, for tests and keys */
  id: string;
  kind: SourceKind;
  /** what sources:add receives */
  address: string;
  name: { en: string; fr: string };
  description: { en: string; fr: string };
}

/** The shipped catalog is always there (origin 'builtin'), so it is not offered again here. */
export const SOURCE_PRESETS: readonly SourcePreset[] = [];
