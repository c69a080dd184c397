// The library's files on disk: atomic writes with a backup of the previous copy, reading, and
// setting damaged copies aside. Never deletes a user's file; only its own leftover temp files.
import { copyFile, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '../../../shared/errors.js';
import { writeDurably, type DurableWriter } from '../storage/durable-write.js';

export const LIBRARY_FILE = 'library.json';
export const BACKUP_FILE = 'library.json.bak';
const TEMP_PREFIX = 'library.json.tmp-';
let tempCounter = 0;

const errno = (err: unknown): string | undefined =>
  err instanceof Error && 'code' in err ? String(err.code) : undefined;

/** Turns a file-system failure into words the user can act on. */
export function toStorageError(err: unknown, dataDir: string): CodedError {
  if (err instanceof CodedError) return err;
  const code = errno(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new CodedError(
      'disk-full',
      'Your disk is full, so your library could not be saved. Free some space; nothing is lost while Essaim stays open.',
    );
  }
  if (['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EEXIST'].includes(code ?? '')) {
    return new CodedError(
      'download-folder-missing',
      `Essaim cannot write to its data folder (${dataDir}). Check that the folder exists, that the disk is connected and that you may write there.`,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new CodedError('internal', `Your library could not be saved: ${detail}`);
}

/** Creates the data folder if needed and checks that files can be written in it. */
export async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = join(dataDir, `${TEMP_PREFIX}probe-${process.pid}`);
    await rm(probe, { force: true });
    const handle = await open(probe, 'wx');
    await handle.close();
    await rm(probe, { force: true });
  } catch (err) {
    throw toStorageError(err, dataDir);
  }
}

/** Temp files left by a write that was cut short (crash, power loss) are never read, only removed. */
export async function removeLeftoverTempFiles(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(TEMP_PREFIX))
      .map((name) => rm(join(dataDir, name), { force: true }).catch(() => undefined)),
  );
}

export type ReadResult =
  { kind: 'missing' } | { kind: 'damaged'; reason: string } | { kind: 'ok'; raw: unknown };

export async function readJsonFile(path: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (errno(err) === 'ENOENT') return { kind: 'missing' };
    if (errno(err) === 'EISDIR') return { kind: 'damaged', reason: 'it is a folder, not a file' };
    throw new CodedError(
      'internal',
      `Your library file (${path}) could not be read. Check its permissions.`,
    );
  }
  try {
    return { kind: 'ok', raw: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'damaged', reason: 'it is not valid JSON' };
  }
}

async function freeName(dataDir: string, base: string): Promise<string> {
  for (let n = 0; ; n++) {
    const name = n === 0 ? `${base}.json` : `${base}-${n}.json`;
    const taken = await stat(join(dataDir, name)).then(
      () => true,
      () => false,
    );
    if (!taken) return name;
  }
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');

/** Moves a damaged file out of the way under a new name, or copies it when it must stay. */
export async function setAside(
  dataDir: string,
  fileName: string,
  mode: 'move' | 'copy',
): Promise<string> {
  const name = await freeName(dataDir, `library.corrupt-${stamp()}`);
  try {
    if (mode === 'move') await rename(join(dataDir, fileName), join(dataDir, name));
    else await copyFile(join(dataDir, fileName), join(dataDir, name));
  } catch (err) {
    throw toStorageError(err, dataDir);
  }
  return name;
}

/**
 * Write to a temp file in the same folder, flush it to disk, keep the current copy as the backup,
 * then rename over the library: a crash at any point leaves either the old or the new file whole.
 */
export async function writeAtomically(
  dataDir: string,
  text: string,
  write: DurableWriter = writeDurably,
): Promise<void> {
  const target = join(dataDir, LIBRARY_FILE);
  const temp = join(dataDir, `${TEMP_PREFIX}${process.pid}-${++tempCounter}`);
  try {
    await write(temp, text);
    const backupTemp = `${temp}.bak`;
    try {
      await copyFile(target, backupTemp);
      await rename(backupTemp, join(dataDir, BACKUP_FILE));
    } catch (err) {
      await rm(backupTemp, { force: true });
      if (errno(err) !== 'ENOENT') throw err;
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw toStorageError(err, dataDir);
  }
  await syncFolder(dataDir);
}

/** Makes the rename itself durable; some systems cannot open a folder, which is harmless. */
async function syncFolder(dataDir: string): Promise<void> {
  try {
    const handle = await open(dataDir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not supported here (e.g. Windows); the rename is still atomic
  }
}
