// The arithmetic of playback scheduling, on plain numbers: file bytes to pieces, the read-ahead
// window's bands and priorities, the header and hover-prefetch bands, and when to fetch in order.

export interface PieceBand {
  from: number;
  to: number;
  /** higher is fetched first; the rest of the file sits at 0 and goes rarest-first */
  priority: number;
  /** fetch even from a fast peer that must steal it from a slow one */
  critical: boolean;
}

export interface FileGeometry {
  /** byte offset of the file inside the torrent */
  fileOffset: number;
  fileLength: number;
  pieceLength: number;
}

/** When the duration is not known yet: 8 Mbit/s, a generous HD bitrate. */
export const DEFAULT_BYTES_PER_SECOND = 1_000_000;
/** Pieces right at the playhead are critical: about two, as the player stalls without them. */
export const CRITICAL_PIECES = 2;
export const PRIORITY = {
  header: 7,
  critical: 6,
  /** the end of a file whose index a seek may read there, once playback is under way */
  tail: 5.5,
  near: 5,
  mid: 4,
  prefetch: 3.5,
  far: 3,
} as const;
/** Seconds of media fetched where the pointer rests on the seek bar: enough for a seek to start. */
export const PREFETCH_SECONDS = 2;

/** Pieces (inclusive) holding file bytes [start, endInclusive]. */
export function piecesOfBytes(
  g: FileGeometry,
  start: number,
  endInclusive: number,
): { from: number; to: number } {
  const first = Math.max(0, Math.min(start, g.fileLength - 1));
  const last = Math.max(first, Math.min(endInclusive, g.fileLength - 1));
  return {
    from: Math.floor((g.fileOffset + first) / g.pieceLength),
    to: Math.floor((g.fileOffset + last) / g.pieceLength),
  };
}

export function bytesPerSecond(fileLength: number, durationSeconds?: number): number {
  if (durationSeconds && durationSeconds > 0 && fileLength > 0) return fileLength / durationSeconds;
  return DEFAULT_BYTES_PER_SECOND;
}

/**
 * Seconds of media after the playhead that each band covers. webtorrent fetches a band's pieces
 * rarest-first, so in any order: the first band is kept short (what the player needs to start or
 * resume), and later bands grow. Measured: thirds of a 30 s window put 10 s of media in random
 * order ahead of the first frame and doubled time to first frame against a sequential fetch.
 */
export const BAND_SECONDS = { near: 2, mid: 8 } as const;

/**
 * The read-ahead window from `startByte`: the nearest pieces critical, then bands of falling
 * priority covering the next 2 s, up to 8 s, and the rest of the buffer target.
 */
export function planWindow(
  g: FileGeometry,
  startByte: number,
  rateBytesPerSecond: number,
  bufferAheadSeconds: number,
): PieceBand[] {
  if (g.fileLength <= 0) return [];
  const windowBytes = Math.max(g.pieceLength, Math.ceil(rateBytesPerSecond * bufferAheadSeconds));
  const { from, to } = piecesOfBytes(g, startByte, startByte + windowBytes - 1);
  const bands: PieceBand[] = [];
  const criticalTo = Math.min(to, from + CRITICAL_PIECES - 1);
  bands.push({ from, to: criticalTo, priority: PRIORITY.critical, critical: true });
  const edges: Array<[number, number]> = [
    [BAND_SECONDS.near, PRIORITY.near],
    [BAND_SECONDS.mid, PRIORITY.mid],
    [Number.POSITIVE_INFINITY, PRIORITY.far],
  ];
  let at = criticalTo + 1;
  for (const [seconds, priority] of edges) {
    if (at > to) break;
    const edgeByte = startByte + Math.ceil(rateBytesPerSecond * seconds) - 1;
    const end = Number.isFinite(seconds) ? Math.min(to, piecesOfBytes(g, 0, edgeByte).to) : to;
    if (end < at) continue;
    bands.push({ from: at, to: end, priority, critical: false });
    at = end + 1;
  }
  return bands;
}

/**
 * Deadline-aware order: while any piece the player needs within the next few seconds (header,
 * critical, near and mid bands) is missing, fetch in order (sequential); once they are in, go
 * rarest-first so the far band and the rest of the file keep the swarm healthy. webtorrent applies
 * one strategy per torrent and, under rarest, fetches even the most urgent band in random order.
 */
export function chooseStrategy(
  bands: readonly PieceBand[],
  hasPiece: (index: number) => boolean,
): 'sequential' | 'rarest' {
  for (const band of bands) {
    if (band.priority < PRIORITY.mid) continue;
    for (let piece = band.from; piece <= band.to; piece++) {
      if (!hasPiece(piece)) return 'sequential';
    }
  }
  return 'rarest';
}

/**
 * Where the pointer rests on the seek bar: the first seconds there, below the playhead's own near
 * and mid bands (playback comes first) and above the far band. Not urgent: rarest-first may apply.
 */
export function planPrefetch(g: FileGeometry, byte: number, rateBytesPerSecond: number): PieceBand {
  const { from, to } = piecesOfBytes(
    g,
    byte,
    byte + Math.ceil(rateBytesPerSecond * PREFETCH_SECONDS) - 1,
  );
  return { from, to, priority: PRIORITY.prefetch, critical: false };
}

/** The file's first bytes (the container header), as one critical band. */
export function planHeader(g: FileGeometry, headerBytes: number): PieceBand {
  const { from, to } = piecesOfBytes(g, 0, Math.max(1, headerBytes) - 1);
  return { from, to, priority: PRIORITY.header, critical: true };
}

/** A byte range of the file as a header band (used for an MP4 moov at the end). */
export function planByteRange(g: FileGeometry, start: number, endInclusive: number): PieceBand {
  const { from, to } = piecesOfBytes(g, start, endInclusive);
  return { from, to, priority: PRIORITY.header, critical: true };
}
