// Keeps one torrent's record of verified pieces up to date (every few seconds while pieces arrive,
// and when it stops), and hashes in the background the pieces the record could not vouch for.
// It only ever records a piece after its data was written and flushed, and never marks a piece
// good without hashing it: a kill at any moment loses no verified data and trusts nothing unread.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Torrent } from 'webtorrent';
import { newRecord, writeRecord, type ObservedFile } from '../storage/resume-record.js';
import {
  bitGet,
  diskPath,
  filePieces,
  observeFile,
  type ResumePlan,
  type TorrentLayout,
} from './resume-plan.js';
import { pieceHashesOf } from './torrent-input.js';

const RECORD_EVERY_MS = 3_000;

export interface VerifiedPiecesOptions {
  /** the folder of the records */
  resumeDir: string;
  /** the torrent's download folder */
  dir: string;
  plan: ResumePlan | undefined;
  log: (message: string) => void;
}

export class VerifiedPieces {
  private layout: TorrentLayout | undefined;
  /** the bitfield in the record on disk, when known */
  private written: Uint8Array | undefined;
  private writtenSeen: (ObservedFile | null)[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private stopped = false;
  /** resolves when the background check is over (at once when there is none) */
  readonly checked: Promise<void>;
  private markChecked: () => void = () => {};

  constructor(
    private readonly torrent: Torrent,
    private readonly opts: VerifiedPiecesOptions,
  ) {
    this.checked = new Promise((resolve) => (this.markChecked = resolve));
    // the record already says exactly what was trusted: nothing to write until a piece arrives
    if (opts.plan && opts.plan.recheck.length === 0) this.written = opts.plan.bitfield;
    torrent.once('ready', () => {
      this.layout = layoutOf(torrent);
      void this.recheck(opts.plan?.recheck ?? []);
    });
    this.timer = setInterval(() => void this.flush(false), RECORD_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the timer and the background check, then records what the torrent holds now. */
  finish(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    return this.flush(true);
  }

  /** Writes are queued: two never run at once, and each sees the bitfield of its own moment. */
  private flush(final: boolean): Promise<void> {
    this.queue = this.queue
      .then(() => this.record(final))
      .catch((err: unknown) =>
        this.opts.log(`could not record verified pieces of ${this.short}: ${String(err)}`),
      );
    return this.queue;
  }

  private get short(): string {
    return this.torrent.infoHash?.slice(0, 8) ?? '?';
  }

  private async record(final: boolean): Promise<void> {
    const layout = this.layout;
    const bitfield = this.torrent.bitfield;
    if (!layout || !bitfield) return;
    // 1. the bitfield first: every piece set now has had its write completed (webtorrent sets the
    //    bit in the store's write callback, or after reading the piece back from disk)
    const bits = snapshot(bitfield.buffer, layout.pieceCount);
    if (!final && this.written && sameBytes(bits, this.written)) return;
    const spans = filePieces(layout);
    // 2. flush the files that hold newly recorded pieces, so a power cut cannot undo them
    const touched = spans.map((span) => !!span && anyNew(bits, this.written, span));
    for (const [i, file] of layout.files.entries()) {
      if (touched[i]) await flushFile(diskPath(this.opts.dir, file.path));
    }
    // 3. then size and time: any later write to these files changes them and voids the record.
    //    Between closes only files with new pieces are looked at again (a torrent may have
    //    thousands): an older look at an untouched file still came after its recorded pieces.
    const known = this.writtenSeen.length === layout.files.length && !final;
    const seen = await Promise.all(
      layout.files.map((f, i) =>
        known && !touched[i]
          ? (this.writtenSeen[i] ?? null)
          : observeFile(diskPath(this.opts.dir, f.path)),
      ),
    );
    spans.forEach((span, i) => {
      if (span && !seen[i]) for (let p = span[0]; p <= span[1]; p++) clearBit(bits, p);
    });
    if (this.written && sameBytes(bits, this.written) && sameSeen(seen, this.writtenSeen)) return;
    const files = layout.files.map((f, i) => ({
      path: f.path,
      length: f.length,
      seen: seen[i] ?? null,
    }));
    await writeRecord(this.opts.resumeDir, newRecord(this.torrent.infoHash, layout, files, bits));
    this.written = bits;
    this.writtenSeen = seen;
  }

  /**
   * Hashes, one at a time and after the title is already usable, the pieces of files changed
   * since the record; each good one is marked as webtorrent marks a piece it verified itself.
   * The bytes are read from the files, never from webtorrent's memory: a piece still being
   * written must not count as on disk.
   */
  private async recheck(pieces: number[]): Promise<void> {
    const layout = this.layout;
    if (pieces.length === 0 || !layout) return this.markChecked();
    this.opts.log(`checking ${pieces.length} pieces of ${this.short} changed since their record`);
    let good = 0;
    try {
      const hashes = pieceHashesOf(this.torrent.torrentFile);
      for (const index of pieces) {
        const t = this.torrent;
        if (this.stopped || t.destroyed) break;
        if (t.bitfield?.get(index)) continue;
        const bytes = await readPiece(this.opts.dir, layout, index);
        const expected = hashes.subarray(index * 20, index * 20 + 20);
        const ok = !!bytes && createHash('sha1').update(bytes).digest().equals(expected);
        if (!ok || this.stopped || t.destroyed || t.bitfield?.get(index)) continue;
        t._markVerified(index);
        for (const wire of t.wires) wire.have(index);
        t._checkDone();
        good++;
      }
    } catch (err) {
      this.opts.log(`checking ${this.short} stopped: ${String(err)}`);
    }
    this.opts.log(`checked ${this.short}: ${good} of ${pieces.length} pieces are good`);
    this.markChecked();
  }
}

/** A piece's bytes as they are in the files now; undefined if any part is missing. */
async function readPiece(
  dir: string,
  layout: TorrentLayout,
  index: number,
): Promise<Buffer | undefined> {
  const total = layout.files.reduce((sum, f) => sum + f.length, 0);
  const start = index * layout.pieceLength;
  const piece = Buffer.alloc(Math.min(layout.pieceLength, total - start));
  let fileStart = 0;
  for (const file of layout.files) {
    const from = Math.max(start, fileStart);
    const to = Math.min(start + piece.length, fileStart + file.length);
    if (from < to) {
      const handle = await open(diskPath(dir, file.path), 'r').catch(() => undefined);
      if (!handle) return undefined;
      try {
        const { bytesRead } = await handle.read(piece, from - start, to - from, from - fileStart);
        if (bytesRead !== to - from) return undefined;
      } finally {
        await handle.close();
      }
    }
    fileStart += file.length;
  }
  return piece;
}

/** The layout webtorrent uses, read once it is ready (its file list is emptied on destroy). */
export function layoutOf(torrent: Torrent): TorrentLayout {
  return {
    pieceLength: torrent.pieceLength,
    pieceCount: torrent.pieces.length,
    files: torrent.files.map((f) => ({ path: f.path.replace(/\\/g, '/'), length: f.length })),
  };
}

function snapshot(buffer: Uint8Array, pieceCount: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(pieceCount / 8));
  bits.set(buffer.subarray(0, bits.length));
  // bits past the last piece mean nothing: keep them clear so records compare equal
  const spare = bits.length * 8 - pieceCount;
  if (spare > 0) bits[bits.length - 1]! &= 0xff << spare;
  return bits;
}

function clearBit(bits: Uint8Array, index: number): void {
  bits[index >> 3]! &= ~(0x80 >> (index & 7));
}

function anyNew(bits: Uint8Array, before: Uint8Array | undefined, span: [number, number]): boolean {
  for (let p = span[0]; p <= span[1]; p++) {
    if (bitGet(bits, p) && !(before && bitGet(before, p))) return true;
  }
  return false;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameSeen(a: (ObservedFile | null)[], b: (ObservedFile | null)[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return x === y || (!!x && !!y && x.size === y.size && x.mtimeNs === y.mtimeNs);
    })
  );
}

/** Pushes a file's written data to the disk; opened for writing because some systems require it. */
async function flushFile(path: string): Promise<void> {
  const handle = await open(path, 'r+').catch(() => undefined);
  if (!handle) return; // unseen files are left out of the record below
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
