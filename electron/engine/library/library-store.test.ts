// The library store against real files in temp folders: damage, backups, upgrades, crashes.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LibraryItem } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import { LibraryStore } from './library-store.js';

const dirs: string[] = [];
const stores: LibraryStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close().catch(() => undefined)));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-library-'));
  dirs.push(dir);
  return dir;
}

async function openStore(dir: string): Promise<{ store: LibraryStore; notices: string[] }> {
  const opened = await LibraryStore.open(dir);
  stores.push(opened.store);
  return opened;
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

const readJson = async (path: string): Promise<Record<string, unknown>> =>
  JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
const saved = (dir: string, state: unknown): Promise<void> =>
  writeFile(join(dir, 'library.json'), typeof state === 'string' ? state : JSON.stringify(state));
const corruptCopies = async (dir: string): Promise<string[]> =>
  (await readdir(dir)).filter((n) => n.startsWith('library.corrupt-'));

describe('LibraryStore', () => {
  it('starts empty in a new folder it creates, without notices', async () => {
    const dir = join(await tempDir(), 'nested', 'data');
    const { store, notices } = await openStore(dir);
    expect(notices).toEqual([]);
    expect(store.items()).toEqual([]);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves and reads back items and settings', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    store.upsert(item(1));
    store.upsert(item(2));
    store.upsert(item(1, { name: 'Renamed' }));
    store.patch(item(2).id, { status: 'error', errorMessage: 'Disk full' });
    store.patch(item(2).id, { positionSeconds: 42.5, status: 'paused', errorMessage: undefined });
    store.remove(item(3).id);
    expect(store.updateSettings({ language: 'fr', maxConnections: 20 }).language).toBe('fr');
    await store.close();

    const { store: again, notices } = await openStore(dir);
    expect(notices).toEqual([]);
    expect(again.items().map((i) => [i.name, i.positionSeconds])).toEqual([
      ['Renamed', 0],
      ['Film 2', 42.5],
    ]);
    expect(again.get(item(2).id)?.status).toBe('paused');
    expect(again.get(item(2).id)?.errorMessage).toBeUndefined();
    expect(again.settings()).toMatchObject({ language: 'fr', maxConnections: 20 });
    again.remove(item(1).id);
    await again.flush();
    expect(((await readJson(join(dir, 'library.json'))).items as unknown[]).length).toBe(1);
  });

  it('refuses invalid changes with a coded error and keeps the state', async () => {
    const { store } = await openStore(await tempDir());
    store.upsert(item(1));
    expect(() => store.upsert({ ...item(2), progress: 7 })).toThrow(CodedError);
    expect(() => store.patch(item(1).id, { positionSeconds: -1 })).toThrow(/not valid/);
    expect(() => store.patch(item(9).id, { name: 'x' })).toThrow(/no longer in your library/);
    expect(() => store.updateSettings({ bufferAheadSeconds: 1 })).toThrow(CodedError);
    expect(store.items()).toHaveLength(1);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
  });

  it('hands out copies, so outside changes do not leak in', async () => {
    const { store } = await openStore(await tempDir());
    store.upsert(item(1));
    const list = store.items();
    (list[0] as LibraryItem).name = 'changed';
    expect(store.get(item(1).id)?.name).toBe('Film 1');
  });

  it('saves on its own shortly after a change', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    store.upsert(item(1));
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(1);
  });

  it('keeps the previous copy as library.json.bak', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    store.upsert(item(1));
    await store.flush();
    store.upsert(item(2));
    await store.flush();
    expect((await readJson(join(dir, 'library.json.bak'))).items).toHaveLength(1);
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(2);
  });

  it('ignores and removes a temp file left by a write that was cut short', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    store.upsert(item(1));
    await store.close();
    await writeFile(join(dir, 'library.json.tmp-4242-7'), '{"version":1,"items":[{"half');
    const { store: again, notices } = await openStore(dir);
    expect(notices).toEqual([]);
    expect(again.items()).toHaveLength(1);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('sets a damaged file aside and restores the backup', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    store.upsert(item(1));
    await store.flush();
    store.upsert(item(2));
    await store.close();
    await saved(dir, '{"version":1,"items":[{"id":"trunc');

    const { store: again, notices } = await openStore(dir);
    const [aside] = await corruptCopies(dir);
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe(
      '{"version":1,"items":[{"id":"trunc',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`set aside as ${aside}`);
    expect(notices[0]).toContain('the last good copy was restored');
    expect(again.items().map((i) => i.name)).toEqual(['Film 1']);
    await again.flush();
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(1);
  });

  it('starts fresh, with a notice, when the file and the backup are both unusable', async () => {
    const dir = await tempDir();
    await saved(dir, 'not json at all');
    await writeFile(join(dir, 'library.json.bak'), JSON.stringify({ version: 1, items: 'nope' }));
    const { store, notices } = await openStore(dir);
    expect(store.items()).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/not valid JSON.*set aside as library\.corrupt-.*starts empty/);
    expect(await corruptCopies(dir)).toHaveLength(1);
  });

  it('treats a schema-invalid file as damaged', async () => {
    const dir = await tempDir();
    await saved(dir, { version: 1, items: { not: 'a list' } });
    const { notices } = await openStore(dir);
    expect(notices[0]).toMatch(/no list of items/);
    expect(await corruptCopies(dir)).toHaveLength(1);
  });

  it('restores the backup when the library file is missing', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'library.json.bak'),
      JSON.stringify({ version: 1, items: [item(5)] }),
    );
    const { store, notices } = await openStore(dir);
    expect(notices).toEqual(['Your library file was missing; the last good copy was restored.']);
    expect(store.items()).toHaveLength(1);
  });

  it('keeps the good entries, and the original file aside, when some entries are broken', async () => {
    const dir = await tempDir();
    const original = {
      version: 1,
      items: [
        item(1),
        { ...item(2), id: 'not-a-hash' },
        'junk',
        item(3),
        item(1, { name: 'twice' }),
      ],
      settings: { ...DEFAULT_SETTINGS, language: 'fr', maxConnections: -5 },
    };
    await saved(dir, original);
    const { store, notices } = await openStore(dir);
    expect(store.items().map((i) => i.name)).toEqual(['Film 1', 'Film 3']);
    expect(store.settings()).toMatchObject({
      language: 'fr',
      maxConnections: DEFAULT_SETTINGS.maxConnections,
    });
    const [aside] = await corruptCopies(dir);
    expect(await readJson(join(dir, aside ?? ''))).toEqual(original);
    expect(notices).toEqual([
      `3 item(s) in your library could not be read and were left out. The original file was kept as ${aside}.`,
      'Some of your settings could not be read and were reset to their defaults.',
    ]);
    await store.flush();
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(2);
  });

  it('upgrades a version 0 library (position became positionSeconds)', async () => {
    const dir = await tempDir();
    const { positionSeconds: _drop, ...v0Item } = item(1);
    await saved(dir, { items: [{ ...v0Item, position: 73 }], settings: { language: 'fr' } });
    const { store, notices } = await openStore(dir);
    expect(notices).toEqual([]);
    expect(store.readOnly).toBe(false);
    expect(store.get(item(1).id)?.positionSeconds).toBe(73);
    expect(store.settings().language).toBe('fr');
    await store.flush();
    const written = await readJson(join(dir, 'library.json'));
    expect(written.version).toBe(1);
    expect(JSON.stringify(written)).not.toContain('"position"');
  });

  describe('a library saved by a newer version', () => {
    const newer = `${JSON.stringify({ version: 999, items: [item(7)], futureField: { x: 1 } }, null, 4)}\n`;
    const snapshot = async (dir: string): Promise<Map<string, Buffer>> => {
      const files = new Map<string, Buffer>();
      for (const name of (await readdir(dir)).sort())
        files.set(name, await readFile(join(dir, name)));
      return files;
    };

    it('is never renamed or overwritten, whatever the app does', async () => {
      const dir = await tempDir();
      await saved(dir, newer);
      const before = await snapshot(dir);
      const { store, notices } = await openStore(dir);
      expect(store.readOnly).toBe(true);
      expect(store.items()).toEqual([]);
      expect(notices).toEqual([
        'Your library was saved by a newer version of Essaim. This version will not change it: update Essaim to see your titles again. Anything you add now will not be kept.',
      ]);

      store.upsert(item(1));
      store.upsert(item(2));
      store.patch(item(1).id, { positionSeconds: 12 });
      store.remove(item(2).id);
      store.updateSettings({ language: 'fr' });
      // the changes still work in memory for this session
      expect(store.items().map((i) => i.positionSeconds)).toEqual([12]);
      expect(store.settings().language).toBe('fr');
      await new Promise((resolve) => setTimeout(resolve, 700)); // past the grouped-save delay
      await store.flush();
      await store.close();
      expect(await snapshot(dir)).toEqual(before);
      expect((await readFile(join(dir, 'library.json'))).equals(Buffer.from(newer))).toBe(true);

      // a second start of the older version behaves the same and still leaves it alone
      const { store: again, notices: second } = await openStore(dir);
      expect(again.readOnly).toBe(true);
      expect(second).toHaveLength(1);
      expect(again.items()).toEqual([]);
      await again.close();
      expect(await snapshot(dir)).toEqual(before);
    });

    it('shows a readable backup meanwhile, without changing either file', async () => {
      const dir = await tempDir();
      await saved(dir, newer);
      await writeFile(
        join(dir, 'library.json.bak'),
        JSON.stringify({ version: 1, items: [item(3), item(4)], settings: { language: 'fr' } }),
      );
      const before = await snapshot(dir);
      const { store, notices } = await openStore(dir);
      expect(store.readOnly).toBe(true);
      expect(store.items().map((i) => i.name)).toEqual(['Film 3', 'Film 4']);
      expect(store.settings().language).toBe('fr');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/newer version of Essaim.*older copy.*will not be kept/);
      store.remove(item(3).id);
      await store.close();
      expect(await snapshot(dir)).toEqual(before);
    });

    it('starts empty when the backup is newer too, and writes neither', async () => {
      const dir = await tempDir();
      await saved(dir, newer);
      await writeFile(join(dir, 'library.json.bak'), JSON.stringify({ version: 998, items: [] }));
      const before = await snapshot(dir);
      const { store, notices } = await openStore(dir);
      expect(store.readOnly).toBe(true);
      expect(store.items()).toEqual([]);
      expect(notices[0]).toMatch(/Anything you add now will not be kept/);
      store.upsert(item(1));
      await store.close();
      expect(await snapshot(dir)).toEqual(before);
    });
  });

  it('is not read-only for a library of this version, which it saves as before', async () => {
    const dir = await tempDir();
    await saved(dir, { version: 1, items: [item(1)], settings: DEFAULT_SETTINGS });
    const { store, notices } = await openStore(dir);
    expect(notices).toEqual([]);
    expect(store.readOnly).toBe(false);
    store.upsert(item(2));
    await store.close();
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(2);
    expect((await readJson(join(dir, 'library.json.bak'))).items).toHaveLength(1);
  });

  it('writes concurrent flushes one after another and ends with the latest state', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    const flushes: Array<Promise<void>> = [];
    for (let n = 1; n <= 20; n++) {
      store.upsert(item(n));
      flushes.push(store.flush());
      if (n % 3 === 0) flushes.push(store.flush());
    }
    await Promise.all(flushes);
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(20);
    expect((await readJson(join(dir, 'library.json.bak'))).items).toHaveLength(19);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('explains in plain words when the data folder cannot be created', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'x');
    const error = await LibraryStore.open(join(dir, 'a-file', 'data')).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('download-folder-missing');
    expect((error as CodedError).message).toMatch(/cannot write to its data folder/);
  });

  it('reports a failed save from flush and keeps the changes for a retry', async () => {
    const dir = await tempDir();
    const { store } = await openStore(dir);
    store.upsert(item(1));
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'now a file');
    await expect(store.flush()).rejects.toMatchObject({ code: 'download-folder-missing' });
    await rm(dir, { force: true });
    await mkdir(dir);
    await store.flush();
    expect((await readJson(join(dir, 'library.json'))).items).toHaveLength(1);
  });
});
