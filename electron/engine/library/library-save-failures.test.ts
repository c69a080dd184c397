// A library store whose saves fail, on real files in temp folders: the data folder taken away
// (as an unplugged disk does) and a disk that fills up in the middle of a write. The user is told,
// saving is retried, nothing changed meanwhile is lost, and the last good copy is never damaged.
import { mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryItem } from '../../../shared/domain.js';
import { writeDurably, type DurableWriter } from '../storage/durable-write.js';
import type { SaveReport } from './library-saver.js';
import { LibraryStore } from './library-store.js';

const dirs: string[] = [];
const stores: LibraryStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-save-'));
  dirs.push(dir, `${dir}-away`);
  return dir;
}

/** Fast back-off so a test sees several retries in well under a second. */
const RETRY = { retryFirstMs: 20, retryMaxMs: 80 };

async function openStore(dir: string, write?: DurableWriter) {
  const reports: SaveReport[] = [];
  const { store } = await LibraryStore.open(dir, {
    ...RETRY,
    write,
    onReport: (report) => reports.push(report),
  });
  stores.push(store);
  return { store, reports };
}

function item(n: number, extra: Partial<LibraryItem> = {}): LibraryItem {
  return {
    id: n.toString(16).padStart(40, '0'),
    name: `Film ${n}`,
    addedAt: 1_700_000_000_000 + n,
    magnet: `magnet:?xt=urn:btih:${n.toString(16).padStart(40, '0')}`,
    files: [{ index: 0, path: `Film ${n}/film.mp4`, length: 1000, playable: true }],
    fileIndex: 0,
    length: 1000,
    downloaded: 0,
    uploaded: 0,
    progress: 0,
    positionSeconds: 0,
    status: 'downloading',
    ...extra,
  };
}

interface SavedState {
  items: Array<{ id: string; positionSeconds: number }>;
  settings: { uploadLimitKiBps: number };
}

const readState = async (path: string): Promise<SavedState> =>
  JSON.parse(await readFile(path, 'utf8')) as SavedState;

/** Both copies must parse and hold the last good save and the one before. */
async function expectCopies(dir: string, itemCount: number, backupCount = itemCount - 1) {
  expect((await readState(join(dir, 'library.json'))).items).toHaveLength(itemCount);
  expect((await readState(join(dir, 'library.json.bak'))).items).toHaveLength(backupCount);
}

/** ...and no temp file is left behind by a write that failed. */
async function expectLastGoodCopy(dir: string, itemCount: number, backupCount = itemCount - 1) {
  await expectCopies(dir, itemCount, backupCount);
  expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
}
/** Waits for `check`, running `meanwhile` (the checks that must hold throughout) as it goes. */
async function until(
  check: () => boolean,
  what: string,
  meanwhile: () => Promise<void> = async () => undefined,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await meanwhile();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const failures = (reports: SaveReport[]) =>
  reports.filter((r): r is Extract<SaveReport, { kind: 'failed' }> => r.kind === 'failed');

describe('a library save that fails', () => {
  it('is reported, retried with back-off, and written whole once the data folder is back', async () => {
    const dir = await tempDir();
    const away = `${dir}-away`;
    const { store, reports } = await openStore(dir);
    store.upsert(item(1));
    await store.flush();
    store.upsert(item(2));
    await store.flush();

    // the disk holding the data folder is unplugged: the path now leads nowhere writable
    await rename(dir, away);
    await writeFile(dir, 'not a folder any more');
    store.upsert(item(3));
    store.patch(item(1).id, { positionSeconds: 1234 });
    store.updateSettings({ uploadLimitKiBps: 77 });

    await until(
      () => failures(reports).length >= 4,
      'four failed attempts',
      () => expectLastGoodCopy(away, 2),
    );
    const failed = failures(reports);
    expect(failed[0]?.attempt).toBe(1);
    expect(failed[0]?.error.code).toBe('download-folder-missing');
    expect(failed.map((r) => r.retryInMs).slice(0, 4)).toEqual([20, 40, 80, 80]);
    await expectLastGoodCopy(away, 2);

    // plugged back in: the next retry writes everything, with no call from the app
    await rm(dir);
    await rename(away, dir);
    await until(() => reports.some((r) => r.kind === 'saved-again'), 'the save to work again');
    const saved = await readState(join(dir, 'library.json'));
    expect(saved.items.map((i) => i.id)).toEqual([item(1).id, item(2).id, item(3).id]);
    expect(saved.items[0]?.positionSeconds).toBe(1234);
    expect(saved.settings.uploadLimitKiBps).toBe(77);
    await expectLastGoodCopy(dir, 3);
    console.log(`save failures before recovery: ${failures(reports).length}`);
  });

  it('on a full disk: the half-written temp file is removed and the last good copy kept', async () => {
    const dir = await tempDir();
    let diskFull = false;
    const halfWritten: string[] = [];
    // the disk fills up part-way through the write, as ENOSPC happens in real life
    const write: DurableWriter = async (path, data) => {
      if (!diskFull) return writeDurably(path, data);
      halfWritten.push(path);
      await writeFile(path, data.slice(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const { store, reports } = await openStore(dir, write);
    store.upsert(item(1));
    await store.flush();
    store.upsert(item(2));
    await store.flush();

    diskFull = true;
    store.upsert(item(3));
    await expect(store.flush()).rejects.toMatchObject({ code: 'disk-full' });
    await expectCopies(dir, 2);
    await until(
      () => failures(reports).length >= 3,
      'three failed attempts',
      // a retry's temp file may exist for a moment here: only both copies are checked meanwhile
      () => expectCopies(dir, 2),
    );
    expect(failures(reports).every((r) => r.error.code === 'disk-full')).toBe(true);
    await expectCopies(dir, 2);
    store.upsert(item(4)); // changes made while the disk is full are kept too

    diskFull = false;
    await until(() => reports.some((r) => r.kind === 'saved-again'), 'the save to work again');
    // the save that worked again went straight from the last good copy to all four
    await expectLastGoodCopy(dir, 4, 2);
    // every half-written temp file was removed when its write failed
    expect(halfWritten.length).toBeGreaterThanOrEqual(3);
    for (const path of halfWritten) await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });

  it('says nothing when a write fails but the next one, already queued, carries it all', async () => {
    const dir = await tempDir();
    let failNext = true;
    const write: DurableWriter = async (path, data) => {
      if (!failNext) return writeDurably(path, data);
      failNext = false;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const { store, reports } = await openStore(dir, write);
    store.upsert(item(1));
    const first = store.flush();
    store.upsert(item(2));
    const second = store.flush();
    await expect(first).rejects.toMatchObject({ code: 'disk-full' });
    await second;
    expect(reports).toEqual([]);
    expect((await readState(join(dir, 'library.json'))).items).toHaveLength(2);
  });

  it('on close, makes a last attempt and reports when even that fails', async () => {
    const dir = await tempDir();
    const { store, reports } = await openStore(dir);
    store.upsert(item(1));
    await store.flush();
    store.upsert(item(2));
    await store.flush();
    await rename(dir, `${dir}-away`);
    await writeFile(dir, 'not a folder any more');
    store.upsert(item(3));

    await expect(store.close()).rejects.toMatchObject({ code: 'download-folder-missing' });
    expect(reports.at(-1)).toMatchObject({ kind: 'unsaved-at-close' });
    await expectLastGoodCopy(`${dir}-away`, 2);
  });

  it('on close, writes what a failed save left behind once the folder is back', async () => {
    const dir = await tempDir();
    const { store, reports } = await openStore(dir, undefined);
    store.upsert(item(1));
    await store.flush();
    await rename(dir, `${dir}-away`);
    await writeFile(dir, 'not a folder any more');
    store.upsert(item(2));
    await expect(store.flush()).rejects.toMatchObject({ code: 'download-folder-missing' });
    await rm(dir);
    await rename(`${dir}-away`, dir);

    await store.close();
    expect((await readState(join(dir, 'library.json'))).items).toHaveLength(2);
    expect(reports.filter((r) => r.kind === 'saved-again')).toHaveLength(1);
  });
});
