// The catalog file format (documented in docs/catalog-format.md). Entries are checked one by one
// so a broken entry is reported and skipped instead of emptying the shelf.
import { z } from 'zod';

export const CATALOG_FORMAT_VERSION = 1;

export const catalogFileSchema = z.object({
  format: z.literal('essaim-catalog'),
  version: z.literal(CATALOG_FORMAT_VERSION),
  name: z.string().min(1).max(200),
  /** raw entries, each validated on its own against titleSchema / channelSchema */
  titles: z.array(z.unknown()).max(10_000).default([]),
  channels: z.array(z.unknown()).max(10_000).default([]),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** A catalog larger than this is refused before parsing. */
export const MAX_CATALOG_BYTES = 5 * 1024 * 1024;
