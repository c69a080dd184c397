// The data folder's lock: one running app per folder. The lock file names the owner (pid) and
// where to reach it (a loopback port and a per-run secret, so the file is readable by its user
// only). A lock whose owner is gone (kill -9, a crash) is taken over; a live one is never touched.
import { randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';

export const LOCK_FILE = 'essaim.lock';
/** A takeover guard older than this was left by a process that died in the middle of one. */
const STALE_GUARD_MS = 10_000;
const PROBE_TIMEOUT_MS = 1_500;
const ATTEMPTS = 20;

export interface LockRecord {
  pid: number;
  /** Loopback port of the owner's control endpoint. */
  port: number;
  secret: string;
  /** 'headless' or 'desktop': how the owner shows itself. */
  kind: string;
}

export interface HeldLock {
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

export type LockAttempt = { held: HeldLock } | { holder: LockRecord };

export interface LockOptions {
  /** Whether the recorded owner still runs (tests replace it); default: pid and port probed. */
  isAlive?: (holder: LockRecord) => Promise<boolean>;
}

/**
 * Takes the lock of `dataDir` for `record`, or says who holds it. Creation is atomic (a complete
 * file is hard-linked into place, so nobody ever reads a half-written lock).
 */
export async function acquireDataFolderLock(
  dataDir: string,
  record: LockRecord,
  options: LockOptions = {},
): Promise<LockAttempt> {
  const lockPath = join(dataDir, LOCK_FILE);
  const isAlive = options.isAlive ?? ownerIsAlive;
  const text = JSON.stringify(record);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createExclusively(lockPath, text)) return { held: heldLock(lockPath, record.secret) };
    const raw = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (raw === undefined) continue; // released meanwhile: try again
    const holder = parseRecord(raw);
    if (holder && holder.secret !== record.secret && (await isAlive(holder))) return { holder };
    await removeStale(lockPath, raw);
  }
  throw new Error(`The lock of the data folder ${dataDir} could not be taken; try again.`);
}

async function createExclusively(lockPath: string, text: string): Promise<boolean> {
  const temp = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, lockPath);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Removes a dead owner's lock, under a guard so that two starting apps never both remove one:
 * the second would delete the lock the first just took.
 */
async function removeStale(lockPath: string, staleText: string): Promise<void> {
  const guardPath = `${lockPath}.takeover`;
  const guard = await open(guardPath, 'wx', 0o600).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
    const age = await stat(guardPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > STALE_GUARD_MS) await unlink(guardPath).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    return undefined;
  });
  if (!guard) return;
  try {
    const now = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (now === staleText) await unlink(lockPath).catch(() => undefined);
  } finally {
    await guard.close();
    await unlink(guardPath).catch(() => undefined);
  }
}

function heldLock(lockPath: string, secret: string): HeldLock {
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      const raw = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (raw !== undefined && parseRecord(raw)?.secret === secret) {
        await unlink(lockPath).catch(() => undefined);
      }
    },
  };
}

export function parseRecord(raw: string): LockRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockRecord>;
    const { pid, port, secret, kind } = value;
    if (!Number.isInteger(pid) || (pid ?? 0) <= 0) return undefined;
    if (!Number.isInteger(port) || (port ?? 0) <= 0 || (port ?? 0) > 65535) return undefined;
    if (typeof secret !== 'string' || secret.length < 16 || typeof kind !== 'string')
      return undefined;
    return { pid: pid as number, port: port as number, secret, kind };
  } catch {
    return undefined;
  }
}

/**
 * The owner runs if its pid exists and its endpoint takes a connection. A refused connection
 * means the pid now belongs to someone else (pids are reused, in containers especially); no
 * answer at all means a busy owner, which is left alone.
 */
export async function ownerIsAlive(holder: LockRecord): Promise<boolean> {
  if (!processExists(holder.pid)) return false;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: holder.port });
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(true));
    socket.once('connect', () => done(true));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code !== 'ECONNREFUSED'));
  });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
