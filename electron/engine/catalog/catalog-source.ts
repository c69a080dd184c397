// Fetches the raw text of one catalog (a file path, a file: URL or an http(s) URL) and keeps the
// last good copy of web catalogs. Never reads more than MAX_CATALOG_BYTES, never waits forever.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_CATALOG_BYTES } from '../../../shared/catalog-schema.js';
import { writeDurably } from '../storage/durable-write.js';

/** A failure to get the text at all; the message is shown to the user as is. */
export class SourceError extends Error {}

const LIMIT_MIB = MAX_CATALOG_BYTES / (1024 * 1024);
const tooBig = (): SourceError => new SourceError(`it is larger than ${LIMIT_MIB} MiB`);

export const isWebSource = (source: string): boolean => /^https?:\/\//i.test(source);

export async function readSource(source: string, timeoutMs: number): Promise<string> {
  return isWebSource(source) ? fetchText(source, timeoutMs) : readLocal(source);
}

async function readLocal(source: string): Promise<string> {
  let path = source;
  try {
    if (/^file:/i.test(source)) path = fileURLToPath(source);
    const info = await stat(path);
    if (!info.isFile()) throw new SourceError('it is not a file');
    if (info.size > MAX_CATALOG_BYTES) throw tooBig();
    const bytes = await readFile(path);
    // the file may have grown between the two calls
    if (bytes.length > MAX_CATALOG_BYTES) throw tooBig();
    return decodeText(bytes);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT') throw new SourceError('the file does not exist');
    if (code === 'EACCES' || code === 'EPERM')
      throw new SourceError('the file cannot be read (permissions)');
    throw new SourceError('the file cannot be read');
  }
}

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new SourceError(
      timedOut ? 'the server did not answer in time' : 'the server could not be reached',
    );
  }
  try {
    if (!response.ok) throw new SourceError(`the server answered with error ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_CATALOG_BYTES) throw tooBig();
    return decodeText(await readCapped(response));
  } catch (err) {
    await response.body?.cancel().catch(() => undefined);
    if (err instanceof SourceError) throw err;
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new SourceError(timedOut ? 'the download took too long' : 'the download was interrupted');
  }
}

/** Reads the body chunk by chunk so a server that lies about its size cannot fill the memory. */
async function readCapped(response: Response): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_CATALOG_BYTES) throw tooBig();
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const cacheFile = (cacheDir: string, url: string): string =>
  join(cacheDir, `catalog-${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);

/** Keeps the text of a web catalog that was read successfully; a failure here only loses the cache. */
export async function saveCachedCopy(cacheDir: string, url: string, text: string): Promise<void> {
  const target = cacheFile(cacheDir, url);
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
  url: string,
): Promise<{ text: string; savedAt: Date } | undefined> {
  const path = cacheFile(cacheDir, url);
  try {
    const info = await stat(path);
    if (info.size > MAX_CATALOG_BYTES) return undefined;
    return { text: decodeText(await readFile(path)), savedAt: info.mtime };
  } catch {
    return undefined;
  }
}
