import { describe, expect, it } from 'vitest';
import type { LibraryItem } from './domain.js';
import { applyLibraryChanges, libraryChangesSchema } from './library-changes.js';

const item = (n: number, files = 2): LibraryItem => ({
  id: String(n).repeat(40),
  name: `Title ${n}`,
  addedAt: n,
  magnet: `magnet:?xt=urn:btih:${String(n).repeat(40)}`,
  files: Array.from({ length: files }, (_, index) => ({
    index,
    path: `t${n}/f${index}.mp4`,
    length: 10,
    playable: true,
  })),
  length: 10 * files,
  downloaded: 0,
  uploaded: 0,
  progress: 0,
  positionSeconds: 0,
  status: 'paused',
});

const withoutFiles = ({ files: _files, ...rest }: LibraryItem) => rest;

describe('applyLibraryChanges', () => {
  it('adds new titles at the end, replaces whole ones in place and drops removed ones', () => {
    const [a, b, c] = [item(1), item(2), item(3)];
    const renamed = { ...item(2, 3), name: 'Renamed' };
    const next = applyLibraryChanges([a, b, c], {
      items: [item(4), renamed],
      updated: [],
      removed: [c.id],
    });
    expect(next.map((i) => i.name)).toEqual(['Title 1', 'Renamed', 'Title 4']);
    expect(next[1]?.files).toHaveLength(3);
    expect(next[0]).toBe(a);
  });

  it('applies an update without touching the file list it did not carry', () => {
    const a = item(1, 10_000);
    const update = { ...withoutFiles(a), progress: 0.5, status: 'downloading' as const };
    const [next] = applyLibraryChanges([a], { items: [], updated: [update], removed: [] });
    expect(next?.progress).toBe(0.5);
    expect(next?.status).toBe('downloading');
    expect(next?.files).toBe(a.files);
  });

  it('clears what an update no longer has (an error message once the error is gone)', () => {
    const failed = { ...item(1), status: 'error' as const, errorMessage: 'Disk full' };
    const { errorMessage: _gone, ...fixed } = {
      ...withoutFiles(failed),
      status: 'paused' as const,
    };
    const [next] = applyLibraryChanges([failed], { items: [], updated: [fixed], removed: [] });
    expect(next).not.toHaveProperty('errorMessage');
  });

  it('ignores an update for a title it never had (the next snapshot brings it whole)', () => {
    const next = applyLibraryChanges([], {
      items: [],
      updated: [withoutFiles(item(5))],
      removed: ['9'.repeat(40)],
    });
    expect(next).toEqual([]);
  });

  it('refuses, by its schema, an update that smuggles a file list or a bad id', () => {
    const smuggled = { items: [], updated: [item(1)], removed: [] };
    expect(libraryChangesSchema.safeParse(smuggled).success).toBe(false);
    const bad = { items: [], updated: [{ ...withoutFiles(item(1)), id: 'nope' }], removed: [] };
    expect(libraryChangesSchema.safeParse(bad).success).toBe(false);
    const ok = { items: [item(1)], updated: [withoutFiles(item(2))], removed: [] };
    expect(libraryChangesSchema.safeParse(ok).success).toBe(true);
  });
});
