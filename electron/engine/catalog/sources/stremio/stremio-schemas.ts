// The shapes of a Stremio add-on's answers (manifest, catalog, meta, stream), read leniently: a
// field of the wrong type is dropped rather than failing the whole answer, but what we rely on
// (an id, a name, a locator) must be there. Never trusts a length or a count the add-on sends.
import { z } from 'zod';

/** A string trimmed and cut to `max` characters; anything else (or an empty string) becomes undefined. */
const text = (max: number) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined))
    .optional();

/** A list of short strings (genres, cast): non-strings and empties dropped, both counts capped. */
const textList = (maxItems: number, maxLength: number) =>
  z
    .unknown()
    .transform((v) => {
      const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
      const out: string[] = [];
      for (const item of items.slice(0, maxItems * 4)) {
        if (typeof item !== 'string' || !item.trim()) continue;
        const clean = item.trim().slice(0, maxLength);
        if (!out.includes(clean)) out.push(clean);
        if (out.length >= maxItems) break;
      }
      return out.length > 0 ? out : undefined;
    })
    .optional();

const finiteNumber = z
  .unknown()
  .transform((v) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string' && /^\d{1,15}$/.test(v.trim())
        ? Number(v)
        : undefined,
  )
  .optional();

const extraSchema = z.object({
  name: z.string().max(100),
  isRequired: z.boolean().catch(false).optional(),
  options: z.array(z.string().max(200)).max(1000).catch([]).optional(),
});

const manifestCatalogSchema = z.object({
  type: z.string().min(1).max(100),
  id: z.string().min(1).max(200),
  name: text(300),
  extra: z.array(extraSchema).max(50).catch([]).optional(),
  // the older way to say the same: names of supported and required extras
  extraRequired: z.array(z.string().max(100)).max(50).catch([]).optional(),
  genres: z.array(z.string().max(200)).max(1000).catch([]).optional(),
});
export type ManifestCatalog = z.infer<typeof manifestCatalogSchema>;

const resourceSchema = z.union([
  z.string().max(100),
  z.object({
    name: z.string().max(100),
    types: z.array(z.string().max(100)).max(50).optional(),
  }),
]);

export const manifestSchema = z.object({
  id: z.string().min(1).max(150),
  name: z.string().min(1).max(300),
  version: z.string().min(1).max(100),
  description: text(2000),
  resources: z.array(resourceSchema).max(50),
  types: z.array(z.string().max(100)).max(50),
  catalogs: z.array(z.unknown()).max(500),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Each catalog entry read on its own, so one odd entry leaves the others readable. */
export function readManifestCatalog(raw: unknown): ManifestCatalog | undefined {
  const parsed = manifestCatalogSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** True when the manifest lists `resource` (as a word, or as an object naming it, for `type`). */
export function offersResource(manifest: Manifest, resource: string, type: string): boolean {
  return manifest.resources.some((r) =>
    typeof r === 'string'
      ? r === resource
      : r.name === resource && (r.types === undefined || r.types.includes(type)),
  );
}

export const catalogAnswerSchema = z.object({ metas: z.array(z.unknown()).max(10_000) });
export const metaAnswerSchema = z.object({ meta: z.unknown() });
export const streamAnswerSchema = z.object({ streams: z.array(z.unknown()).max(10_000) });

export const metaSchema = z.object({
  id: z.string().min(1).max(150),
  name: text(300),
  poster: text(4096),
  background: text(4096),
  releaseInfo: z
    .unknown()
    .transform((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined))
    .optional(),
  year: finiteNumber,
  released: text(40),
  description: text(2000),
  genres: textList(20, 60),
  genre: textList(20, 60),
  cast: textList(50, 120),
  director: textList(20, 120),
  runtime: text(40),
  videos: z
    .unknown()
    .transform((v) => (Array.isArray(v) ? v.slice(0, 20_000) : undefined))
    .optional(),
});
export type StremioMeta = z.infer<typeof metaSchema>;

export const videoSchema = z.object({
  id: z.string().min(1).max(200),
  title: text(300),
  name: text(300),
  season: finiteNumber,
  episode: finiteNumber,
  number: finiteNumber,
  released: text(40),
  thumbnail: text(4096),
  overview: text(2000),
  description: text(2000),
});
export type StremioVideo = z.infer<typeof videoSchema>;

export const streamSchema = z.object({
  name: text(400),
  title: text(2000),
  description: text(2000),
  infoHash: text(100),
  fileIdx: finiteNumber,
  url: text(8192),
  ytId: z.unknown().optional(),
  externalUrl: z.unknown().optional(),
  nzbUrl: z.unknown().optional(),
  rarUrls: z.unknown().optional(),
  zipUrls: z.unknown().optional(),
  '7zipUrls': z.unknown().optional(),
  tgzUrls: z.unknown().optional(),
  tarUrls: z.unknown().optional(),
  sources: z.array(z.unknown()).max(1000).catch([]).optional(),
  behaviorHints: z
    .object({ videoSize: finiteNumber, filename: text(1024) })
    .catch({ videoSize: undefined, filename: undefined })
    .optional(),
});
export type StremioStream = z.infer<typeof streamSchema>;
