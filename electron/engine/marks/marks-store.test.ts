// Watched marks and My list survive a restart, and a damaged file is set aside, never lost.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKS_FILE, MAX_MARKS_BYTES, MarksStore } from './marks-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-marks-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('MarksStore', () => {
  it('starts empty with no file and keeps changes across a reopen', async () => {
    const { store, notices } = await MarksStore.open(dir);
    expect(notices).toEqual([]);
    expect(store.get()).toEqual({ watched: {}, myList: [] });
    store.set({ id: 'film-a', watched: true }, 1000);
    store.set({ id: 'film-a', inMyList: true });
    store.set({ id: 'film-b', inMyList: true });
    store.set({ id: 'series-x:s1e1', watched: true }, 2000);
    await store.flush();

    const again = (await MarksStore.open(dir)).store.get();
    expect(again.watched).toEqual({ 'film-a': 1000, 'series-x:s1e1': 2000 });
    // most recently added first
    expect(again.myList).toEqual(['film-b', 'film-a']);
  });

  it('unmarks, keeps the first time a title was watched, and never lists a title twice', async () => {
    const { store } = await MarksStore.open(dir);
    store.set({ id: 'a', watched: true, inMyList: true }, 1);
    store.set({ id: 'a', watched: true, inMyList: true }, 2);
    expect(store.get()).toEqual({ watched: { a: 1 }, myList: ['a'] });
    const after = store.set({ id: 'a', watched: false, inMyList: false });
    expect(after).toEqual({ watched: {}, myList: [] });
    await store.flush();
    expect(JSON.parse(await readFile(join(dir, MARKS_FILE), 'utf8'))).toMatchObject({
      watched: {},
      myList: [],
    });
  });

  it('refuses an episode id on My list', async () => {
    const { store } = await MarksStore.open(dir);
    expect(() => store.set({ id: 'x'.repeat(300), inMyList: true })).toThrow(/My list/);
  });

  it.each([
    ['not JSON', '{"watched": '],
    ['wrong types', JSON.stringify({ watched: { a: 'yesterday' }, myList: 'a' })],
    ['a list too long', JSON.stringify({ watched: {}, myList: Array(10_001).fill('a') })],
    ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['far too large', `{"watched": {}, "myList": [], "pad": "${'x'.repeat(MAX_MARKS_BYTES)}"}`],
  ])('sets a damaged file aside (%s) with a notice and starts empty', async (_what, text) => {
    await writeFile(join(dir, MARKS_FILE), text);
    const { store, notices } = await MarksStore.open(dir);
    expect(store.get()).toEqual({ watched: {}, myList: [] });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /could not be read; the damaged file was set aside as marks\.damaged-/,
    );
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('marks.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe(text);
    expect(files).not.toContain(MARKS_FILE);
  });

  it('a failed save says so, keeps the marks and leaves the last good file whole', async () => {
    const first = await MarksStore.open(dir);
    first.store.set({ id: 'kept', inMyList: true });
    await first.store.flush();
    const failures: string[] = [];
    const { store } = await MarksStore.open(dir, {
      write: async () => {
        throw new Error('no space left on device');
      },
      onSaveFailed: (m) => failures.push(m),
    });
    store.set({ id: 'new', inMyList: true });
    await store.flush();
    expect(failures[0]).toMatch(/could not be saved \(no space left on device\)/);
    expect(store.get().myList).toEqual(['new', 'kept']);
    expect(JSON.parse(await readFile(join(dir, MARKS_FILE), 'utf8')).myList).toEqual(['kept']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
