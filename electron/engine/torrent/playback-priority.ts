// Playback-driven scheduling on top of webtorrent: the container index first, a bitrate-sized window
// ahead of the playhead (nearest pieces critical), in order while the next seconds are missing and
// rarest-first once they are in. It never reads or writes anything but piece selections.
import type { Torrent, TorrentFile } from 'webtorrent';

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
export const PRIORITY = { header: 7, critical: 6, near: 5, mid: 4, prefetch: 3.5, far: 3 } as const;
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

export type MoovLocation =
  | { kind: 'at-start'; end: number }
  | { kind: 'after-media'; start: number; end: number }
  | { kind: 'unknown' };

const MAX_BOXES = 64;

/**
 * Walks an MP4's top-level box headers in `head` (the file's first bytes). The moov either comes
 * before the media (nothing more to fetch than the head) or after it: then it starts where mdat ends,
 * which the mdat header alone tells us, so its pieces can be fetched before any media.
 */
export function locateMoov(head: Uint8Array, fileLength: number): MoovLocation {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  for (let n = 0; n < MAX_BOXES && at + 8 <= head.length; n++) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...head.subarray(at + 4, at + 8));
    if (!/^[\x20-\x7e]{4}$/.test(type)) return { kind: 'unknown' };
    if (size === 1) {
      if (at + 16 > head.length) return { kind: 'unknown' };
      size = Number(view.getBigUint64(at + 8));
    } else if (size === 0) {
      size = fileLength - at; // box runs to the end of the file
    }
    if (size < 8 || at + size > fileLength) return { kind: 'unknown' };
    if (type === 'moov') return { kind: 'at-start', end: at + size - 1 };
    if (type === 'mdat') {
      const start = at + size;
      return start < fileLength
        ? { kind: 'after-media', start, end: fileLength - 1 }
        : { kind: 'unknown' };
    }
    at += size;
  }
  return { kind: 'unknown' };
}

/** Whether a file name is an ISO-BMFF container whose index may sit at its end. */
export function isMp4Like(name: string): boolean {
  return /\.(mp4|m4v|mov|m4a)$/i.test(name);
}

/** Enough for ftyp plus the next box headers; a moov at the start is widened to its real size. */
const HEAD_BYTES = 64 * 1024;
/** Before the head is read, reads within this much of the end are taken for index reads. */
const TAIL_INDEX_BYTES = 4 * 1024 * 1024;

/** One played file's piece priorities. Cheap to move: a seek replaces the window at once. */
export class PlaybackPriority {
  private windowBands: PieceBand[] = [];
  private prefetchBand: PieceBand | undefined;
  private headerBands: PieceBand[] = [];
  private windowStartPiece = -1;
  /** where the MP4 index sits when it follows the media, once the head has been read */
  private trailingIndex: { start: number; end: number } | undefined;
  private durationSeconds: number | undefined;
  private stopped = false;
  private readonly geometry: FileGeometry;

  constructor(
    private readonly torrent: Torrent,
    private readonly file: TorrentFile,
    private bufferAheadSeconds: number,
  ) {
    this.geometry = {
      fileOffset: file.offset,
      fileLength: file.length,
      pieceLength: torrent.pieceLength,
    };
  }

  start(startByte = 0, durationSeconds?: number): void {
    this.durationSeconds = durationSeconds;
    this.file.select(0);
    this.torrent.on('verified', this.onVerified);
    const head = planHeader(this.geometry, HEAD_BYTES);
    this.headerBands = [head];
    this.apply(head);
    this.moveToByte(startByte);
    if (isMp4Like(this.file.name)) void this.fetchMoov();
  }

  /**
   * A range request: the player reading the container index at the end of the file is not a
   * seek, so it gets the index fetched at header priority and leaves the window where it is.
   */
  onRangeRequest(byte: number): void {
    if (this.stopped) return;
    if (this.isIndexRead(byte)) {
      const band = planByteRange(this.geometry, byte, this.geometry.fileLength - 1);
      if (!this.headerBands.some((b) => b.from === band.from && b.to === band.to)) {
        this.headerBands.push(band);
        this.apply(band);
        this.updateStrategy();
      }
      return;
    }
    this.moveToByte(byte);
  }

  private isIndexRead(byte: number): boolean {
    if (!isMp4Like(this.file.name) || this.windowStartPiece < 0) return false;
    if (this.trailingIndex) return byte >= this.trailingIndex.start;
    // head not read yet: a read of the last few MiB, far from the playhead, is the player
    // looking for the index
    const tail = Math.min(TAIL_INDEX_BYTES, Math.floor(this.geometry.fileLength / 10));
    const playhead = this.windowStartPiece * this.geometry.pieceLength - this.geometry.fileOffset;
    return byte >= this.geometry.fileLength - tail && byte - playhead > tail;
  }

  /** Move the window if it left the current first piece, or re-plan it when `replan` is set. */
  moveToByte(byte: number, replan = false): void {
    if (this.stopped) return;
    const { from } = piecesOfBytes(this.geometry, byte, byte);
    if (from === this.windowStartPiece && !replan) return;
    const old = this.windowBands;
    const jumped = !old.some((band) => from >= band.from && from <= band.to);
    this.windowStartPiece = from;
    const rate = bytesPerSecond(this.geometry.fileLength, this.durationSeconds);
    this.windowBands = planWindow(this.geometry, byte, rate, this.bufferAheadSeconds);
    // every selection change makes webtorrent refill its peers' request queues at once: the new
    // window goes in first (most urgent band first), so those queues fill with its pieces rather
    // than with what is left of the old window while it is being taken down
    this.updateStrategy();
    for (const band of this.windowBands) this.apply(band);
    for (const band of old) this.remove(band);
    this.updateStrategy();
    if (jumped && old.length > 0) this.withdrawStaleRequests();
  }

  /**
   * After a seek, the peers' request queues are still full of blocks for the old position: each
   * peer would send those first (a queue of 16 blocks is 256 KiB, about 0.3 s at 6 Mbit/s) before
   * any block the player now waits for. Withdrawing them frees the queues for the new window at
   * once; a block already on the wire still arrives and is simply not used.
   */
  private withdrawStaleRequests(): void {
    const bands = [...this.headerBands, ...this.windowBands];
    if (this.prefetchBand) bands.push(this.prefetchBand);
    const wanted = (piece: number) => bands.some((b) => piece >= b.from && piece <= b.to);
    for (const wire of this.torrent.wires) {
      // a web seed's request is one HTTP range already under way: nothing to withdraw
      if (wire.type === 'webSeed') continue;
      const stale = wire.requests.filter((request) => !wanted(request.piece));
      for (const request of stale) wire.cancel(request.piece, request.offset, request.length);
    }
  }

  private readonly onVerified = (): void => this.updateStrategy();

  private updateStrategy(): void {
    const bitfield = this.torrent.bitfield;
    if (this.stopped || this.torrent.destroyed || !bitfield) return;
    this.torrent.strategy = chooseStrategy([...this.headerBands, ...this.windowBands], (p) =>
      bitfield.get(p),
    );
  }

  /** The window's playhead: seconds become bytes through the average bitrate. */
  setPlayhead(positionSeconds: number, durationSeconds?: number): void {
    // the first window was sized on a guessed bitrate: the real one re-plans it at once
    const learned =
      durationSeconds !== undefined &&
      durationSeconds > 0 &&
      durationSeconds !== this.durationSeconds;
    if (learned) this.durationSeconds = durationSeconds;
    const rate = bytesPerSecond(this.geometry.fileLength, this.durationSeconds);
    this.moveToByte(Math.floor(positionSeconds * rate), learned);
  }

  /** Replaces the previous hover prefetch; a seek there then finds its first pieces on the way. */
  prefetchAt(positionSeconds: number): void {
    if (this.stopped) return;
    const rate = bytesPerSecond(this.geometry.fileLength, this.durationSeconds);
    const band = planPrefetch(this.geometry, Math.floor(positionSeconds * rate), rate);
    if (this.prefetchBand?.from === band.from && this.prefetchBand.to === band.to) return;
    if (this.prefetchBand) this.remove(this.prefetchBand);
    this.prefetchBand = band;
    this.apply(band);
  }

  setBufferAhead(seconds: number): void {
    this.bufferAheadSeconds = seconds;
  }

  /** Drop the window and header bands; the file stays selected at low priority. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.torrent.off('verified', this.onVerified);
    // nobody is waiting on a deadline any more: seeding and background download go rarest-first
    if (!this.torrent.destroyed) this.torrent.strategy = 'rarest';
    const bands = [...this.windowBands, ...this.headerBands];
    if (this.prefetchBand) bands.push(this.prefetchBand);
    for (const band of bands) this.remove(band);
    this.windowBands = [];
    this.headerBands = [];
    this.prefetchBand = undefined;
  }

  private async fetchMoov(): Promise<void> {
    const end = Math.min(this.geometry.fileLength, HEAD_BYTES) - 1;
    const chunks: Uint8Array[] = [];
    try {
      const iterator = this.file[Symbol.asyncIterator]({ start: 0, end });
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        chunks.push(next.value);
        if (this.stopped) {
          await iterator.return?.(); // releases the iterator's own selection
          return;
        }
      }
    } catch {
      return; // torrent closed while reading: nothing to schedule
    }
    if (this.stopped) return;
    const moov = locateMoov(Buffer.concat(chunks), this.geometry.fileLength);
    let band: PieceBand | undefined;
    if (moov.kind === 'at-start' && moov.end >= HEAD_BYTES)
      band = planByteRange(this.geometry, 0, moov.end);
    else if (moov.kind === 'after-media') {
      this.trailingIndex = { start: moov.start, end: moov.end };
      band = planByteRange(this.geometry, moov.start, moov.end);
    }
    if (!band) return;
    this.headerBands.push(band);
    this.apply(band);
    this.updateStrategy();
  }

  private apply(band: PieceBand): void {
    if (this.torrent.destroyed) return;
    // _select with the stream flag: public select() merges overlapping ranges into the highest
    // priority, which would lift the whole file to the window's priority.
    this.torrent._select(band.from, band.to, band.priority, undefined, true);
    if (band.critical) this.torrent.critical(band.from, band.to);
  }

  private remove(band: PieceBand): void {
    if (this.torrent.destroyed) return;
    this.torrent._deselect(band.from, band.to, true);
  }
}
