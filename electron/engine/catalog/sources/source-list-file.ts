// The sources the user added, saved as sources.json in the data folder: written durably (temp
// file, flush, rename), read back checked. A damaged file is set aside with a notice, never lost.
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sourceKindSchema } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/errors.js';
import { writeDurably } from '../../storage/durable-write.js';

export const SOURCES_FILE = 'sources.json';
/** More than anyone adds by hand; a longer list is a damaged or hostile file. */
export const MAX_SAVED_SOURCES = 500;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export const savedSourceSchema = z.object({
  id: z.string().min(1).max(200),
  kind: sourceKindSchema,
  address: z.string().min(1).max(8192),
  addedAt: z.number(),
});
export type SavedSource = z.infer<typeof savedSourceSchema>;

const fileSchema = z.object({
  version: z.literal(1),
  sources: z.array(savedSourceSchema).max(MAX_SAVED_SOURCES),
});

export interface ReadSources {
  sources: SavedSource[];
  /** in plain words, when the file could not be used and was set aside */
  notice?: string;
}

export async function readSourceList(dataDir: string): Promise<ReadSources> {
  const path = join(dataDir, SOURCES_FILE);
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_FILE_BYTES) return await setAside(path);
    text = bytes.toString('utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT') return { sources: [] };
    return {
      sources: [],
      notice: 'The list of catalog sources could not be read; only the built-in catalog is shown.',
    };
  }
  try {
    return { sources: fileSchema.parse(JSON.parse(text)).sources };
  } catch {
    return setAside(path);
  }
}

async function setAside(path: string): Promise<ReadSources> {
  const aside = `${path}.damaged-${Date.now()}`;
  try {
    await rename(path, aside);
  } catch {
    return {
      sources: [],
      notice: `The list of catalog sources (${path}) is damaged; it was left as it is and only the built-in catalog is shown.`,
    };
  }
  return {
    sources: [],
    notice: `The list of catalog sources was damaged. It was kept as ${aside}; add your sources again in Settings, Sources.`,
  };
}

/** Writes the whole list; calls are chained by the caller so the last one wins. */
export async function saveSourceList(dataDir: string, sources: SavedSource[]): Promise<void> {
  const path = join(dataDir, SOURCES_FILE);
  const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(dataDir, { recursive: true });
  try {
    await writeDurably(temp, `${JSON.stringify({ version: 1, sources }, null, 2)}\n`);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Saves the list one write at a time, so an older list never lands after a newer one; a failure
 * is a plain CodedError for the command that caused it, and the next save tries again.
 */
export class SourceListSaver {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string | undefined) {}

  save(sources: SavedSource[]): Promise<void> {
    const dataDir = this.dataDir;
    if (!dataDir) return Promise.resolve();
    const next = this.chain.then(() => saveSourceList(dataDir, sources));
    this.chain = next.catch(() => undefined);
    return next.catch(() => {
      throw new CodedError('disk-full', 'The list of sources could not be saved on disk.');
    });
  }
}
