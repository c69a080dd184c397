// Ground truth for tests about verified pieces: a torrent's own piece hashes, the pieces a stats
// event says are held, whether the bytes on disk really match, and how many bytes this process
// has read (Linux's /proc/self/io). Reads only; never writes.
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import bencode from 'bencode';
import type { TorrentStats } from '../../../shared/domain.js';
import type { Engine } from '../engine-api.js';

export interface PieceTruth {
  pieceLength: number;
  length: number;
  hashes: string[];
}

/** The piece hashes of a single-file torrent, read straight from its bytes. */
export function pieceTruth(torrentBytes: Uint8Array): PieceTruth {
  const top = bencode.decode(torrentBytes) as { info: Record<string, unknown> };
  const pieces = top.info['pieces'] as Uint8Array;
  const hashes: string[] = [];
  for (let at = 0; at < pieces.length; at += 20) {
    hashes.push(Buffer.from(pieces.subarray(at, at + 20)).toString('hex'));
  }
  return {
    pieceLength: Number(top.info['piece length']),
    length: Number(top.info['length']),
    hashes,
  };
}

/** Whether piece `index` of the file at `path` holds exactly the bytes the torrent describes. */
export async function pieceIsGood(
  path: string,
  truth: PieceTruth,
  index: number,
): Promise<boolean> {
  const start = index * truth.pieceLength;
  const size = Math.min(truth.pieceLength, truth.length - start);
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buf, 0, size, start);
    if (bytesRead !== size) return false;
    return createHash('sha1').update(buf).digest('hex') === truth.hashes[index];
  } finally {
    await handle.close();
  }
}

/** Pieces wholly inside the held ranges of a stats event ([start, end) fractions of the file). */
export function heldPieces(ranges: [number, number][], truth: PieceTruth): number[] {
  const held: number[] = [];
  for (const [from, to] of ranges) {
    const startByte = Math.round(from * truth.length);
    const endByte = Math.round(to * truth.length);
    const first = Math.ceil(startByte / truth.pieceLength);
    for (let p = first; p < truth.hashes.length; p++) {
      const pieceEnd = Math.min(truth.length, (p + 1) * truth.pieceLength);
      if (pieceEnd > endByte) break;
      held.push(p);
    }
  }
  return held;
}

/** Bytes this process has read through system calls so far; undefined off Linux. */
export async function bytesReadSoFar(): Promise<number | undefined> {
  const text = await readFile('/proc/self/io', 'utf8').catch(() => undefined);
  const match = text?.match(/^rchar:\s*(\d+)/m);
  return match ? Number(match[1]) : undefined;
}

/** The next stats of an item that satisfy `ok`. */
export function statsWhen(
  engine: Engine,
  itemId: string,
  ok: (s: TorrentStats) => boolean,
  timeoutMs = 60_000,
): Promise<TorrentStats> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`stats of ${itemId} never met the condition`)),
      timeoutMs,
    );
    const off = engine.on('stats', (all) => {
      const mine = all.find((s) => s.itemId === itemId);
      if (mine && ok(mine)) {
        clearTimeout(timer);
        off();
        resolve(mine);
      }
    });
  });
}
