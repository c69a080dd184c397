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
export const SOURCE_PRESETS: readonly SourcePreset[] = [
  {
    id: 'internet-archive-feature-films',
    kind: 'internet-archive',
    address: 'ia:collection:feature_films',
    name: {
      en: 'Internet Archive: feature films (public domain)',
      fr: 'Internet Archive : longs métrages (domaine public)',
    },
    description: {
      en: 'Feature films the Internet Archive offers as public domain, most downloaded first. They play from the Archive’s own servers even when no one else is sharing them. Rights are as the uploaders state them.',
      fr: 'Les longs métrages que l’Internet Archive propose comme relevant du domaine public, les plus téléchargés d’abord. Ils se lisent depuis les serveurs de l’Archive même quand personne d’autre ne les partage. Les droits sont ceux qu’indiquent les personnes qui les ont déposés.',
    },
  },
];
