// The scheduling arithmetic (window bands, header, byte -> piece) and the MP4 moov finder, checked
// on plain numbers and on real ffmpeg-made files with the moov at the start and at the end.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo } from '../test-support/media.js';
import {
  CRITICAL_PIECES,
  chooseStrategy,
  planPrefetch,
  DEFAULT_BYTES_PER_SECOND,
  PRIORITY,
  bytesPerSecond,
  piecesOfBytes,
  planHeader,
  planWindow,
} from './piece-plan.js';
import { locateMoov } from './mp4-index.js';

const KiB = 1024;
const g = { fileOffset: 0, fileLength: 100 * 256 * KiB, pieceLength: 256 * KiB }; // 100 pieces

describe('piece arithmetic', () => {
  it('maps file bytes to pieces, with the file offset inside the torrent', () => {
    expect(piecesOfBytes(g, 0, 0)).toEqual({ from: 0, to: 0 });
    expect(piecesOfBytes(g, 256 * KiB, 512 * KiB)).toEqual({ from: 1, to: 2 });
    expect(piecesOfBytes({ ...g, fileOffset: 100 * KiB }, 200 * KiB, 200 * KiB)).toEqual({
      from: 1,
      to: 1,
    });
    // clamped to the file
    expect(piecesOfBytes(g, 0, 10 ** 12).to).toBe(99);
  });

  it('estimates the bitrate from length and duration, else assumes 8 Mbit/s', () => {
    expect(bytesPerSecond(1_000_000, 10)).toBe(100_000);
    expect(bytesPerSecond(1_000_000)).toBe(DEFAULT_BYTES_PER_SECOND);
  });

  it('plans a window of bitrate x seconds: critical first, then bands of 2 s, 8 s and the rest', () => {
    const rate = 512 * KiB; // 2 pieces per second
    const bands = planWindow(g, 10 * 256 * KiB, rate, 30);
    expect(bands[0]).toEqual({
      from: 10,
      to: 10 + CRITICAL_PIECES - 1,
      priority: PRIORITY.critical,
      critical: true,
    });
    expect(bands.map((b) => b.priority)).toEqual([
      PRIORITY.critical,
      PRIORITY.near,
      PRIORITY.mid,
      PRIORITY.far,
    ]);
    expect(bands.at(-1)?.to).toBe(10 + 60 - 1); // 30 s x 2 pieces
    // near ends 2 s (4 pieces) after the playhead, mid 8 s (16 pieces) after it
    expect(bands[1]).toMatchObject({ from: 10 + CRITICAL_PIECES, to: 10 + 4 - 1 });
    expect(bands[2]).toMatchObject({ from: 10 + 4, to: 10 + 16 - 1 });
    for (let i = 1; i < bands.length; i++) expect(bands[i]?.from).toBe((bands[i - 1]?.to ?? 0) + 1);
    expect(bands.slice(1).every((b) => !b.critical)).toBe(true);
  });

  it('stops the window at the end of the file', () => {
    const bands = planWindow(g, 98 * 256 * KiB, DEFAULT_BYTES_PER_SECOND, 60);
    expect(bands[0]?.from).toBe(98);
    expect(Math.max(...bands.map((b) => b.to))).toBe(99);
  });

  it('moves with a seek: a window far ahead shares nothing with the old one', () => {
    const before = planWindow(g, 0, 256 * KiB, 10);
    const after = planWindow(g, 70 * 256 * KiB, 256 * KiB, 10);
    expect(before.at(-1)?.to).toBeLessThan(after[0]?.from ?? 0);
  });

  it('puts the header first', () => {
    expect(planHeader(g, 64 * KiB)).toEqual({
      from: 0,
      to: 0,
      priority: PRIORITY.header,
      critical: true,
    });
    expect(PRIORITY.header).toBeGreaterThan(PRIORITY.critical);
  });
});

describe('locating the moov in real MP4 files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'essaim-moov-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds a moov at the end from the mdat header alone', async () => {
    const path = await makeTestVideo(dir, { seconds: 4, faststart: false });
    const bytes = await readFile(path);
    const found = locateMoov(bytes.subarray(0, 64 * KiB), bytes.length);
    expect(found.kind).toBe('after-media');
    if (found.kind !== 'after-media') return;
    expect(bytes.subarray(found.start + 4, found.start + 8).toString('latin1')).toBe('moov');
    expect(found.end).toBe(bytes.length - 1);
  });

  it('finds a moov at the start (faststart)', async () => {
    const path = await makeTestVideo(dir, { seconds: 4, faststart: true });
    const bytes = await readFile(path);
    const found = locateMoov(bytes.subarray(0, 64 * KiB), bytes.length);
    expect(found.kind).toBe('at-start');
    if (found.kind !== 'at-start') return;
    expect(bytes.subarray(found.end + 5, found.end + 9).toString('latin1')).toMatch(/mdat|free/);
  });

  it('gives up on bytes that are not an MP4', () => {
    expect(locateMoov(new Uint8Array(1000).fill(0xff), 1000).kind).toBe('unknown');
    expect(locateMoov(new Uint8Array(4), 1000).kind).toBe('unknown');
  });
});

describe('deadline-aware strategy', () => {
  const bands = planWindow(g, 0, 512 * KiB, 30); // critical 0-1, near 2-3, mid 4-15, far 16-59

  it('fetches in order while a piece of the next seconds is missing', () => {
    const have = new Set([0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]); // 4 missing
    expect(chooseStrategy(bands, (p) => have.has(p))).toBe('sequential');
  });

  it('goes rarest-first once header, critical, near and mid bands are in, whatever the far band holds', () => {
    const have = new Set(Array.from({ length: 16 }, (_, i) => i));
    expect(chooseStrategy(bands, (p) => have.has(p))).toBe('rarest');
  });

  it('counts a missing header (an MP4 index at the end) as urgent', () => {
    const header = { from: 99, to: 99, priority: PRIORITY.header, critical: true };
    expect(chooseStrategy([header, ...bands], (p) => p < 16)).toBe('sequential');
  });
});

describe('hover prefetch', () => {
  it('covers the first seconds at the hovered point, below the playhead bands and above the far one', () => {
    const band = planPrefetch(g, 50 * 256 * KiB, 512 * KiB); // 2 pieces per second
    expect(band).toEqual({ from: 50, to: 53, priority: PRIORITY.prefetch, critical: false });
    expect(PRIORITY.prefetch).toBeLessThan(PRIORITY.mid);
    expect(PRIORITY.prefetch).toBeGreaterThan(PRIORITY.far);
  });

  it('is not urgent: it never holds the torrent in sequential order', () => {
    const band = planPrefetch(g, 50 * 256 * KiB, 512 * KiB);
    expect(chooseStrategy([band], () => false)).toBe('rarest');
  });
});
