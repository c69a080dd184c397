// The data folder's lock on a real file system: one owner at a time, readable by its user only,
// a dead owner's lock taken over (kill -9, a reused pid, a damaged file), a live one never.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataFolderLock,
  LOCK_FILE,
  type LockAttempt,
  type LockRecord,
} from './data-folder-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (secret: string, extra: Partial<LockRecord> = {}): LockRecord => ({
  pid: process.pid,
  port: 4000,
  secret: secret.padEnd(24, '-'),
  kind: 'headless',
  ...extra,
});
const alive = async () => true;
const lockPath = () => join(dir, LOCK_FILE);
const held = (attempt: LockAttempt) => ('held' in attempt ? attempt.held : undefined);

/** The pid of a process that existed and was killed with SIGKILL. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  await new Promise((resolve) => child.once('spawn', resolve));
  const pid = child.pid ?? 0;
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return pid;
}

describe('the data folder lock', () => {
  it('is taken once, names its owner, and is readable by its user only', async () => {
    const first = await acquireDataFolderLock(dir, record('first'), { isAlive: alive });
    expect(held(first)).toBeDefined();
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual(record('first'));
    if (process.platform !== 'win32') expect((await stat(lockPath())).mode & 0o777).toBe(0o600);

    const second = await acquireDataFolderLock(dir, record('second'), { isAlive: alive });
    expect(second).toEqual({ holder: record('first') });
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual(record('first'));
  });

  it('is free again once released, and a release never removes another owner’s lock', async () => {
    const first = held(await acquireDataFolderLock(dir, record('first'), { isAlive: alive }));
    await first?.release();
    const second = held(await acquireDataFolderLock(dir, record('second'), { isAlive: alive }));
    expect(second).toBeDefined();
    await first?.release();
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual(record('second'));
  });

  it('takes over the lock of an owner killed with kill -9', async () => {
    await writeFile(lockPath(), JSON.stringify(record('dead', { pid: await deadPid() })));
    const attempt = await acquireDataFolderLock(dir, record('next'));
    expect(held(attempt)).toBeDefined();
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual(record('next'));
  });

  it('takes over a lock whose pid runs but whose endpoint is gone (a reused pid)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    await writeFile(lockPath(), JSON.stringify(record('reused', { port })));
    expect(held(await acquireDataFolderLock(dir, record('next')))).toBeDefined();
  });

  it('leaves a live owner alone: pid running and endpoint answering', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const owner = record('owner', { port });
    await writeFile(lockPath(), JSON.stringify(owner));
    try {
      expect(await acquireDataFolderLock(dir, record('next'))).toEqual({ holder: owner });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes over a damaged lock file', async () => {
    await writeFile(lockPath(), '{"pid": "not a lock');
    expect(held(await acquireDataFolderLock(dir, record('next')))).toBeDefined();
  });

  it('gives a dead owner’s folder to exactly one of many apps starting at once', async () => {
    await writeFile(lockPath(), JSON.stringify(record('dead', { pid: await deadPid() })));
    // Every starting app is alive from the moment its lock is on disk, as a real one is.
    const isAlive = async (holder: LockRecord) => holder.secret !== record('dead').secret;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        acquireDataFolderLock(dir, record(`app-${i}`), { isAlive }),
      ),
    );
    const winners = attempts.flatMap((a, i) => ('held' in a ? [record(`app-${i}`)] : []));
    expect(winners).toHaveLength(1);
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual(winners[0]);
    for (const attempt of attempts)
      if ('holder' in attempt) expect(attempt.holder).toEqual(winners[0]);
  });
});
