// Facts read off a webtorrent torrent for the window: which parts of a file are downloaded (for the
// seek bar) and what a stop error means in plain words. Reads only; never changes a torrent.
import type { Torrent, TorrentFile } from 'webtorrent';
import type { TorrentFailure } from './torrent-client.js';

/** More would only make the stats event heavy; neighbours are merged to stay under it. */
const MAX_RANGES = 200;

/** Downloaded parts of a file as [start, end) fractions of its length, from the verified pieces. */
export function fileRangesOf(torrent: Torrent, file: TorrentFile): [number, number][] {
  const bitfield = torrent.bitfield;
  if (!bitfield || file.length === 0) return [];
  const pieceLength = torrent.pieceLength;
  const first = Math.floor(file.offset / pieceLength);
  const last = Math.floor((file.offset + file.length - 1) / pieceLength);
  const ranges: [number, number][] = [];
  let runStart = -1;
  for (let piece = first; piece <= last + 1; piece++) {
    const have = piece <= last && bitfield.get(piece);
    if (have && runStart < 0) runStart = piece;
    if (!have && runStart >= 0) {
      const startByte = Math.max(0, runStart * pieceLength - file.offset);
      const endByte = Math.min(file.length, piece * pieceLength - file.offset);
      ranges.push([startByte / file.length, endByte / file.length]);
      runStart = -1;
    }
  }
  return mergeToAtMost(ranges, MAX_RANGES);
}

function mergeToAtMost(ranges: [number, number][], max: number): [number, number][] {
  let out = ranges;
  while (out.length > max) {
    const merged: [number, number][] = [];
    for (let i = 0; i < out.length; i += 2) {
      const a = out[i];
      const b = out[i + 1];
      if (a) merged.push(b ? [a[0], b[1]] : a);
    }
    out = merged;
  }
  return out;
}

/** Why a torrent stopped, in words a viewer can act on. Data already verified is kept. */
export function describeTorrentFailure(err: unknown): TorrentFailure {
  const code =
    typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return {
      code: 'disk-full',
      message:
        'The disk is full, so the download stopped. Free some space, then play it again to continue; nothing already downloaded is lost.',
    };
  }
  if (
    code === 'ENOENT' ||
    code === 'ENOTDIR' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code === 'EEXIST'
  ) {
    return {
      code: 'download-folder-missing',
      message:
        'The download folder is missing or cannot be written to (was a drive unplugged?). Check it, then play again to continue.',
    };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: 'network',
    message: `This torrent stopped because of a problem: ${detail}. Play it again to retry.`,
  };
}
