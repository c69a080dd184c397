// The durable record of a torrent's verified pieces (<resume dir>/<info hash>.json): reads it back,
// rejecting anything damaged or foreign, and writes it whole (flushed, then renamed). It never
// decides what to trust; resume-plan does.
import { readFile, rename, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeDurably } from './durable-write.js';

const RECORD_VERSION = 1;
const RESUME_DIR = 'resume';

/** A file as seen on disk right after the pieces in the record were written and flushed. */
const observedSchema = z.object({
  size: z.number().int().nonnegative(),
  /** nanoseconds, as a decimal string: a float of milliseconds would round two writes together */
  mtimeNs: z.string().regex(/^\d{1,30}$/),
});
export type ObservedFile = z.infer<typeof observedSchema>;

const recordSchema = z.object({
  version: z.literal(RECORD_VERSION),
  infoHash: z.string().regex(/^[0-9a-f]{40}$/),
  pieceLength: z.number().int().positive(),
  pieceCount: z.number().int().positive(),
  files: z.array(
    z.object({
      path: z.string(),
      length: z.number().int().nonnegative(),
      /** null: the file could not be seen, so none of its pieces are in `pieces` */
      seen: observedSchema.nullable(),
    }),
  ),
  /** the verified-pieces bitfield (piece 0 = highest bit of byte 0), base64 */
  pieces: z.string().max(16 * 1024 * 1024),
});
export type ResumeRecord = z.infer<typeof recordSchema>;

/** The folder of the records, inside the data folder. */
export function resumeDirOf(dataDir: string): string {
  return join(dataDir, RESUME_DIR);
}

export function recordPath(dir: string, infoHash: string): string {
  return join(dir, `${infoHash}.json`);
}

export function newRecord(
  infoHash: string,
  layout: { pieceLength: number; pieceCount: number },
  files: ResumeRecord['files'],
  pieces: Uint8Array,
): ResumeRecord {
  return {
    version: RECORD_VERSION,
    infoHash,
    pieceLength: layout.pieceLength,
    pieceCount: layout.pieceCount,
    files,
    pieces: Buffer.from(pieces).toString('base64'),
  };
}

/** The bitfield of a record, exactly one bit per piece long; undefined if it does not fit. */
export function recordBitfield(record: ResumeRecord): Uint8Array | undefined {
  const bytes = Buffer.from(record.pieces, 'base64');
  return bytes.length === Math.ceil(record.pieceCount / 8) ? new Uint8Array(bytes) : undefined;
}

/**
 * The saved record, or undefined when there is none or it cannot be trusted (damaged, another
 * version, another torrent): the caller then verifies the data the slow way, which is always safe.
 */
export async function readRecord(dir: string, infoHash: string): Promise<ResumeRecord | undefined> {
  const text = await readFile(recordPath(dir, infoHash), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.infoHash === infoHash) return parsed.data;
  } catch {
    // not JSON: treated as no record
  }
  return undefined;
}

let tempCounter = 0;

/** Writes the record whole: a crash at any moment leaves either the old record or the new one. */
export async function writeRecord(dir: string, record: ResumeRecord): Promise<void> {
  const path = recordPath(dir, record.infoHash);
  await mkdir(dir, { recursive: true });
  const temp = `${path}.${process.pid}-${++tempCounter}.tmp`;
  try {
    await writeDurably(temp, JSON.stringify(record));
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

export async function removeRecord(dir: string, infoHash: string): Promise<void> {
  await rm(recordPath(dir, infoHash), { force: true });
}
