// Decides, at start, which pieces of a torrent the saved record lets us trust without reading
// them: only pieces the record holds whose every file is still the size and age it had when the
// record was written. It never trusts a piece for any other reason.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { recordBitfield, type ObservedFile, type ResumeRecord } from '../storage/resume-record.js';

/** What a torrent's pieces and files are, in order; paths use '/' whatever the system. */
export interface TorrentLayout {
  pieceLength: number;
  pieceCount: number;
  files: Array<{ path: string; length: number }>;
}

export interface ResumePlan {
  /** pieces taken as verified without reading them (webtorrent's `bitfield` option) */
  bitfield: Uint8Array;
  trusted: number;
  /** pieces of files changed since the record: hashed in the background once the title is up */
  recheck: number[];
}

export function bitGet(bits: Uint8Array, index: number): boolean {
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

export function bitSet(bits: Uint8Array, index: number): void {
  const at = index >> 3;
  bits[at] = (bits[at] ?? 0) | (0x80 >> (index & 7));
}

/** The pieces each file touches, or undefined for an empty file (it touches none). */
export function filePieces(layout: TorrentLayout): Array<[number, number] | undefined> {
  let offset = 0;
  return layout.files.map((file) => {
    const start = offset;
    offset += file.length;
    if (file.length === 0) return undefined;
    return [
      Math.floor(start / layout.pieceLength),
      Math.floor((start + file.length - 1) / layout.pieceLength),
    ];
  });
}

export function diskPath(dir: string, layoutPath: string): string {
  return join(dir, ...layoutPath.split('/'));
}

/** Size and modification time of a file now; null when it cannot be seen. */
export async function observeFile(path: string): Promise<ObservedFile | null> {
  const s = await stat(path, { bigint: true }).catch(() => undefined);
  if (!s || !s.isFile()) return null;
  return { size: Number(s.size), mtimeNs: s.mtimeNs.toString() };
}

export function observeFiles(dir: string, layout: TorrentLayout): Promise<(ObservedFile | null)[]> {
  return Promise.all(layout.files.map((f) => observeFile(diskPath(dir, f.path))));
}

function sameLayout(record: ResumeRecord, layout: TorrentLayout): boolean {
  return (
    record.pieceLength === layout.pieceLength &&
    record.pieceCount === layout.pieceCount &&
    record.files.length === layout.files.length &&
    record.files.every(
      (f, i) => f.path === layout.files[i]?.path && f.length === layout.files[i]?.length,
    )
  );
}

/**
 * The startup plan from a record and what the files look like now; undefined when the record
 * cannot be used at all (none, damaged, another layout): webtorrent then hashes everything.
 */
export function planResume(
  layout: TorrentLayout,
  record: ResumeRecord | undefined,
  now: (ObservedFile | null)[],
): ResumePlan | undefined {
  if (!record || !sameLayout(record, layout)) return undefined;
  const recorded = recordBitfield(record);
  if (!recorded) return undefined;
  const spans = filePieces(layout);
  // a piece is untrusted as soon as one file it touches changed (or was never seen)
  const untrusted = new Uint8Array(recorded.length);
  spans.forEach((span, i) => {
    const then = record.files[i]?.seen;
    const seen = now[i];
    const unchanged = !!then && !!seen && then.size === seen.size && then.mtimeNs === seen.mtimeNs;
    if (unchanged || !span) return;
    for (let p = span[0]; p <= span[1]; p++) bitSet(untrusted, p);
  });
  const bitfield = new Uint8Array(recorded.length);
  const recheck: number[] = [];
  let trusted = 0;
  for (let p = 0; p < layout.pieceCount; p++) {
    if (bitGet(untrusted, p)) recheck.push(p);
    else if (bitGet(recorded, p)) {
      bitSet(bitfield, p);
      trusted++;
    }
  }
  return { bitfield, trusted, recheck };
}
