// Which recorded pieces a start may trust: only those whose every file is unchanged; and a damaged
// or foreign record is never used.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  newRecord,
  readRecord,
  recordPath,
  writeRecord,
  type ObservedFile,
} from '../storage/resume-record.js';
import { bitGet, planResume, type TorrentLayout } from './resume-plan.js';

const HASH = 'a'.repeat(40);
// piece 0: a; piece 1: a and b; pieces 2-3: b; c is empty and touches no piece
const layout: TorrentLayout = {
  pieceLength: 64,
  pieceCount: 4,
  files: [
    { path: 'T/a.bin', length: 100 },
    { path: 'T/c.txt', length: 0 },
    { path: 'T/b.bin', length: 150 },
  ],
};
const seenA: ObservedFile = { size: 100, mtimeNs: '1700000000123456789' };
const seenB: ObservedFile = { size: 150, mtimeNs: '1700000000987654321' };
const all = Uint8Array.of(0b1111_0000);

function recordOf(pieces: Uint8Array, seen: (ObservedFile | null)[] = [seenA, null, seenB]) {
  return newRecord(
    HASH,
    layout,
    layout.files.map((f, i) => ({ ...f, seen: seen[i] ?? null })),
    pieces,
  );
}
const trustedOf = (bits: Uint8Array) => [0, 1, 2, 3].filter((p) => bitGet(bits, p));

describe('planResume', () => {
  it('trusts every recorded piece when no file changed', () => {
    const plan = planResume(layout, recordOf(all), [seenA, null, seenB]);
    expect(plan && trustedOf(plan.bitfield)).toEqual([0, 1, 2, 3]);
    expect(plan?.recheck).toEqual([]);
  });

  it('trusts only recorded pieces: a missing bit stays missing', () => {
    const plan = planResume(layout, recordOf(Uint8Array.of(0b1010_0000)), [seenA, null, seenB]);
    expect(plan && trustedOf(plan.bitfield)).toEqual([0, 2]);
  });

  it('rechecks every piece touching a file whose time changed, even shared ones', () => {
    const touched = { ...seenB, mtimeNs: '1700000000987654322' };
    const plan = planResume(layout, recordOf(all), [seenA, null, touched]);
    expect(plan && trustedOf(plan.bitfield)).toEqual([0]);
    expect(plan?.recheck).toEqual([1, 2, 3]);
  });

  it('rechecks a file whose size changed or that is gone', () => {
    const resized = planResume(layout, recordOf(all), [{ ...seenA, size: 99 }, null, seenB]);
    expect(resized && trustedOf(resized.bitfield)).toEqual([2, 3]);
    expect(resized?.recheck).toEqual([0, 1]);
    const gone = planResume(layout, recordOf(all), [null, null, seenB]);
    expect(gone?.recheck).toEqual([0, 1]);
  });

  it('never trusts a file the record did not see', () => {
    const plan = planResume(layout, recordOf(all, [seenA, null, null]), [seenA, null, seenB]);
    expect(plan && trustedOf(plan.bitfield)).toEqual([0]);
  });

  it('uses no record made for another layout or with a broken bitfield', () => {
    const other = { ...layout, pieceLength: 32, pieceCount: 8 };
    expect(planResume(other, recordOf(all), [seenA, null, seenB])).toBeUndefined();
    const renamed = {
      ...layout,
      files: layout.files.map((f, i) => (i === 0 ? { ...f, path: 'T/x.bin' } : f)),
    };
    expect(planResume(renamed, recordOf(all), [seenA, null, seenB])).toBeUndefined();
    expect(
      planResume(layout, recordOf(Uint8Array.of(255, 0)), [seenA, null, seenB]),
    ).toBeUndefined();
    expect(planResume(layout, undefined, [seenA, null, seenB])).toBeUndefined();
  });
});

describe('resume records on disk', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reads back what it wrote, and treats a damaged or foreign file as no record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'essaim-resume-'));
    dirs.push(dir);
    const record = recordOf(all);
    await writeRecord(dir, record);
    expect(await readRecord(dir, HASH)).toEqual(record);

    await writeFile(recordPath(dir, HASH), JSON.stringify(record).slice(0, 40));
    expect(await readRecord(dir, HASH)).toBeUndefined();
    const other = 'b'.repeat(40);
    await writeFile(recordPath(dir, other), JSON.stringify(record));
    expect(await readRecord(dir, other)).toBeUndefined();
    expect(await readRecord(dir, 'c'.repeat(40))).toBeUndefined();
  });
});
