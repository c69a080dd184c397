// Ready-made sources the Sources page offers with one click. Plain data: no node:, no DOM.
import type { SourceKind } from './domain.js';

export interface SourcePreset {
  id: string;
  kind: SourceKind;
  address: string;
  name: string;
  description: string;
}

export const SOURCE_PRESETS: SourcePreset[] = [
  {
    id: 'internet-archive-feature-films',
    kind: 'internet-archive',
    address: 'ia:collection:feature_films',
    name: 'Internet Archive: feature films (public domain)',
    description:
      'Public-domain feature films from the Internet Archive, most downloaded first. They play from the Archive’s own servers even when no one else is sharing them. Rights are as the uploaders state them.',
  },
];
