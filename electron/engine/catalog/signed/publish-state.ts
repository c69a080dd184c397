// The publisher's sequence number, kept in its data folder: a new catalog content always gets a
// higher number; republishing the same content keeps its number and date, so the signed file,
// and therefore its torrent, stay byte for byte the same.
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from '../../storage/durable-write.js';

export const PUBLISH_STATE_FILE = 'catalog-publication.json';

const stateSchema = z.object({
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  catalogSha256: z.string().regex(/^[0-9a-f]{64}$/),
  generated: z.iso.datetime(),
});
export type Publication = z.infer<typeof stateSchema>;

export async function readPublication(dataDir: string): Promise<Publication | undefined> {
  const path = join(dataDir, PUBLISH_STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`The publication record ${path} cannot be read (${String(err)}).`);
  }
  try {
    return stateSchema.parse(JSON.parse(text));
  } catch {
    // guessing a number here could publish a copy viewers refuse as older: stop instead
    throw new Error(
      `The publication record ${path} is damaged; it was left as it is. Fix or remove it (then the numbering restarts and viewers refuse copies until it passes the old number).`,
    );
  }
}

/** The number and date for publishing a catalog whose text hashes to `catalogSha256`. */
/**
 * `seenInDht`: the number the DHT already points to for this key, when known. Higher than the
 * record (the record was lost, or another copy of the folder published), the new number goes
 * past it, or viewers would refuse the copy as older.
 */
export function nextPublication(
  previous: Publication | undefined,
  catalogSha256: string,
  now: Date,
  seenInDht?: number,
): Publication & { unchanged: boolean } {
  const recorded = previous?.sequence ?? 0;
  const behind = seenInDht !== undefined && seenInDht > recorded;
  if (previous && !behind && previous.catalogSha256 === catalogSha256) {
    return { ...previous, unchanged: true };
  }
  return {
    sequence: Math.max(recorded, behind ? seenInDht : 0) + 1,
    catalogSha256,
    generated: now.toISOString(),
    unchanged: false,
  };
}

export async function savePublication(dataDir: string, publication: Publication): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, PUBLISH_STATE_FILE);
  const record: Publication = {
    sequence: publication.sequence,
    catalogSha256: publication.catalogSha256,
    generated: publication.generated,
  };
  await writeDurably(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${path}.tmp`, path);
}
