// Loopback swarms for tests and the benchmark: a tracker, seeders and leechers, each in its own
// process (real separate peers). Every child dies on close() and when the test process exits.
import { fork, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

interface ChildMessage {
  type: string;
  id?: number;
  [key: string]: unknown;
}

interface Child {
  process: ChildProcess;
  /** resolves with the first message of this type; rejects if the child dies first */
  next(type: string): Promise<ChildMessage>;
  ask(type: string): Promise<ChildMessage>;
  close(): Promise<void>;
}

function spawnChild(script: string, args: string[]): Child {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const child of children) child.kill('SIGKILL');
    });
  }
  const child = fork(here(script), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.add(child);
  const waiters: {
    type: string;
    id?: number;
    resolve(m: ChildMessage): void;
    reject(e: Error): void;
  }[] = [];
  const errors: string[] = [];
  child.on('message', (raw) => {
    const msg = raw as ChildMessage;
    if (msg.type === 'error') errors.push(String(msg['message']));
    const at = waiters.findIndex(
      (w) => w.type === msg.type && (w.id === undefined || w.id === msg.id),
    );
    if (at >= 0) waiters.splice(at, 1)[0]?.resolve(msg);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    children.delete(child);
    for (const w of waiters.splice(0)) {
      w.reject(new Error(`${script} exited (${code}) ${errors.join('; ')}`));
    }
  });
  let askId = 0;
  const next = (type: string, id?: number) =>
    new Promise<ChildMessage>((resolve, reject) => {
      if (child.exitCode !== null) return reject(new Error(`${script} is not running`));
      waiters.push({ type, id, resolve, reject });
    });
  return {
    process: child,
    next: (type) => next(type),
    ask: (type) => {
      const id = ++askId;
      const reply = next(type, id);
      child.send({ type, id });
      return reply;
    },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ type: 'close' });
        const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

export async function startTracker(
  opts: {
    announceIntervalMs?: number;
    /** listen here instead of 127.0.0.1: only an address of a namespace pair the test made */
    host?: string;
  } = {},
): Promise<{
  announceUrl: string;
  /** how many complete peers announced this torrent (the tracker's scrape) */
  seeders(infoHash: string): Promise<number>;
  close(): Promise<void>;
}> {
  const child = spawnChild('tracker-child.mjs', [
    String(opts.announceIntervalMs ?? 2_000),
    opts.host ?? '127.0.0.1',
  ]);
  const ready = await child.next('ready');
  const base = `http://${opts.host ?? '127.0.0.1'}:${Number(ready['port'])}`;
  return {
    announceUrl: `${base}/announce`,
    seeders: async (infoHash) => {
      const hash = infoHash.replace(/../g, '%$&');
      const body = await (await fetch(`${base}/scrape?info_hash=${hash}`)).text();
      return Number(/8:completei(\d+)e/.exec(body)?.[1] ?? 0);
    },
    close: child.close,
  };
}

export async function startSeeder(opts: {
  path: string;
  announce: string[];
  pieceLength?: number;
  /** cap the seeder's upload (the benchmark uses it to stand for a home connection) */
  uploadLimitBytesPerSecond?: number;
}): Promise<{
  infoHash: string;
  magnet: string;
  torrentPath: string;
  torrentBytes: Buffer;
  uploadedBytes(): Promise<number>;
  close(): Promise<void>;
}> {
  const child = spawnChild('seeder-child.mjs', [JSON.stringify({ mode: 'seed', ...opts })]);
  const ready = await child.next('ready');
  const torrentBytes = Buffer.from(String(ready['torrentBase64']), 'base64');
  const torrentPath = `${opts.path}.torrent`;
  await writeFile(torrentPath, torrentBytes);
  return {
    infoHash: String(ready['infoHash']),
    magnet: String(ready['magnet']),
    torrentPath,
    torrentBytes,
    uploadedBytes: async () => Number((await child.ask('stats'))['uploaded']),
    close: child.close,
  };
}

export async function startLeecher(opts: {
  torrentPath: string;
  announce: string[];
  dir: string;
}): Promise<{ done: Promise<void>; downloadedBytes(): Promise<number>; close(): Promise<void> }> {
  // read here so a wrong path fails in the test, not silently in the child
  await readFile(opts.torrentPath);
  const child = spawnChild('seeder-child.mjs', [JSON.stringify({ mode: 'leech', ...opts })]);
  const done = child.next('done').then(() => undefined);
  // the test may close before completion: that must not surface as an unhandled rejection
  done.catch(() => {});
  await child.next('ready');
  return {
    done,
    downloadedBytes: async () => Number((await child.ask('stats'))['downloaded']),
    close: child.close,
  };
}
