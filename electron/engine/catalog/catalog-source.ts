// Reads the raw text of a local catalog file and keeps the last good copy of each source on disk.
// Never reads more than its cap, never loses a saved copy because a new one failed to save.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CATALOG_BYTES } from '../../../shared/catalog-schema.js';
import { writeDurably } from '../storage/durable-write.js';

/** A failure to get the text at all; the message is shown to the user as is. */
export class SourceError extends Error {}

export const tooBig = (maxBytes: number): SourceError =>
  new SourceError(`it is larger than ${formatMiB(maxBytes)} MiB`);

const formatMiB = (bytes: number): string => {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? String(mib) : mib.toFixed(1);
};

export const isWebSource = (source: string): boolean => /^https?:\/\//i.test(source);

/** A path or file: URL read whole as text, refused when larger than `maxBytes`. */
export async function readLocal(source: string, maxBytes = MAX_CATALOG_BYTES): Promise<string> {
  return decodeText(await readLocalBytes(source, maxBytes));
}

export async function readLocalBytes(
  source: string,
  maxBytes = MAX_CATALOG_BYTES,
): Promise<Uint8Array> {
  let path = source;
  try {
    if (/^file:/i.test(source)) path = fileURLToPath(source);
    const info = await stat(path);
    if (!info.isFile()) throw new SourceError('it is not a file');
    if (info.size > maxBytes) throw tooBig(maxBytes);
    const bytes = await readFile(path);
    // the file may have grown between the two calls
    if (bytes.length > maxBytes) throw tooBig(maxBytes);
    return bytes;
  } catch (err) {
    if (err instanceof SourceError) throw err;
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT') throw new SourceError('the file does not exist');
    if (code === 'EACCES' || code === 'EPERM')
      throw new SourceError('the file cannot be read (permissions)');
    throw new SourceError('the file cannot be read');
  }
}

export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const cacheFile = (cacheDir: string, key: string): string =>
  join(cacheDir, `catalog-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);

/** Keeps the text of a source that was read successfully; a failure here only loses the cache. */
export async function saveCachedCopy(cacheDir: string, key: string, text: string): Promise<void> {
  const target = cacheFile(cacheDir, key);
  const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeDurably(temp, text);
    await rename(temp, target);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

export async function readCachedCopy(
  cacheDir: string,
  key: string,
  maxBytes = MAX_CATALOG_BYTES,
): Promise<{ text: string; savedAt: Date } | undefined> {
  const path = cacheFile(cacheDir, key);
  try {
    const info = await stat(path);
    if (info.size > maxBytes) return undefined;
    return { text: decodeText(await readFile(path)), savedAt: info.mtime };
  } catch {
    return undefined;
  }
}

/** Forgets the saved copy of a source the user removed. */
export async function removeCachedCopy(cacheDir: string, key: string): Promise<void> {
  await rm(cacheFile(cacheDir, key), { force: true }).catch(() => undefined);
}
