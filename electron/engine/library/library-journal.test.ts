// The library store's change journal: what the window is sent after each change, and the checks a
// change to a stored item still goes through now that only the changed fields are checked.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryItem } from '../../../shared/domain.js';
import { LibraryStore } from './library-store.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function openStore(): Promise<LibraryStore> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-journal-'));
  dirs.push(dir);
  return (await LibraryStore.open(dir)).store;
}

const item = (n: number, files: number): LibraryItem => ({
  id: String(n).repeat(40),
  name: `Title ${n}`,
  addedAt: n,
  magnet: `magnet:?xt=urn:btih:${String(n).repeat(40)}`,
  files: Array.from({ length: files }, (_, index) => ({
    index,
    path: `pack/f${index}.mp4`,
    length: 1,
    playable: true,
  })),
  length: files,
  downloaded: 0,
  uploaded: 0,
  progress: 0,
  positionSeconds: 0,
  status: 'paused',
});

describe('LibraryStore changes', () => {
  it('sends a new item whole, then only what changed, without its files', async () => {
    const store = await openStore();
    expect(store.takeChanges()).toBeUndefined();
    const pack = item(1, 10_000);
    store.upsert(pack);
    store.patch(pack.id, { progress: 0.5 }); // still whole: the window has not seen it yet
    const first = store.takeChanges();
    expect(first?.items.map((i) => [i.id, i.files.length, i.progress])).toEqual([
      [pack.id, 10_000, 0.5],
    ]);
    expect(store.takeChanges()).toBeUndefined();

    store.patch(pack.id, { progress: 0.75, status: 'downloading' });
    const second = store.takeChanges();
    expect(second?.items).toEqual([]);
    expect(second?.updated).toEqual([
      expect.objectContaining({ id: pack.id, progress: 0.75, status: 'downloading' }),
    ]);
    expect(second?.updated[0]).not.toHaveProperty('files');

    store.patch(pack.id, { files: pack.files.slice(0, 3) });
    expect(store.takeChanges()?.items[0]?.files).toHaveLength(3);
    store.remove(pack.id);
    expect(store.takeChanges()).toEqual({ items: [], updated: [], removed: [pack.id] });
    await store.close();
  });

  it('still refuses a bad change, and keeps the item as it was', async () => {
    const store = await openStore();
    const pack = item(2, 3);
    store.upsert(pack);
    store.takeChanges();
    expect(() => store.patch(pack.id, { progress: 2 })).toThrow(/not valid \(progress\)/);
    expect(() =>
      store.patch(pack.id, { files: [{ index: -1, path: 'x', length: 1, playable: true }] }),
    ).toThrow(/not valid/);
    expect(store.get(pack.id)).toEqual(pack);
    expect(store.takeChanges()).toBeUndefined();
    await store.close();
  });
});
