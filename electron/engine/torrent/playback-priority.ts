// Playback-driven scheduling on top of webtorrent: the container index first, a bitrate-sized window
// ahead of the player's read (nearest pieces critical), in order while the next seconds are missing
// and rarest-first once they are in. It never reads or writes anything but piece selections.
import type { Torrent, TorrentFile } from 'webtorrent';
import { sniffFileHead } from './head-sniffer.js';
import { isMp4Like, locateMoov } from './mp4-index.js';
import {
  type PieceBand,
  type FileGeometry,
  piecesOfBytes,
  bytesPerSecond,
  planWindow,
  chooseStrategy,
  planPrefetch,
  planHeader,
  planByteRange,
  PRIORITY,
} from './piece-plan.js';

/** Enough for ftyp plus the next box headers; a moov at the start is widened to its real size. */
const HEAD_BYTES = 64 * 1024;
/** Before the head is read, reads within this much of the end are taken for index reads. */
const TAIL_INDEX_BYTES = 4 * 1024 * 1024;
/**
 * The end of a Matroska (or AVI) file fetched once playback is under way: the index a seek reads
 * first (Matroska's cues) is usually there, so a seek does not wait a round trip for it. Cues of
 * a two-hour film are about 100 KiB.
 */
const TAIL_PREFETCH_BYTES = 256 * 1024;

/** One played file's piece priorities. Cheap to move: a seek replaces the window at once. */
export class PlaybackPriority {
  private windowBands: PieceBand[] = [];
  private prefetchBand: PieceBand | undefined;
  private headerBands: PieceBand[] = [];
  private windowStartPiece = -1;
  /** the byte the window was last planned from */
  private windowStartByte = 0;
  /** where the MP4 index sits when it follows the media, once the head has been read */
  private trailingIndex: { start: number; end: number } | undefined;
  private durationSeconds: number | undefined;
  private stopped = false;
  private tailPrefetched = false;
  /** the index band placed from the unverified head, until the verified head confirms it */
  private sniffedIndexBand: PieceBand | undefined;
  private stopSniffing: (() => void) | undefined;
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
    if (isMp4Like(this.file.name)) {
      // the first block from any peer already tells where the index is: fetching it can start
      // then, not only once the whole first piece is in and verified
      this.stopSniffing = sniffFileHead(this.torrent, this.file, (head) =>
        this.placeIndex(head, false),
      );
      void this.fetchMoov();
    }
  }

  /**
   * A range request: the player reading the container index at the end of the file is not a
   * seek, so it gets the index fetched at header priority and leaves the window where it is (a
   * seek that follows then keeps it: withdrawing requests spares the header bands).
   */
  onRangeRequest(byte: number): void {
    if (this.stopped) return;
    if (this.isIndexRead(byte)) {
      const band = planByteRange(this.geometry, byte, this.geometry.fileLength - 1);
      const covered = this.headerBands.some(
        (b) => b.from <= band.from && b.to >= band.to && b.priority >= band.priority,
      );
      if (!covered) {
        this.headerBands.push(band);
        this.apply(band);
        this.updateStrategy();
      }
      return;
    }
    this.moveToByte(byte);
  }

  private isIndexRead(byte: number): boolean {
    if (this.windowStartPiece < 0) return false;
    if (this.trailingIndex && isMp4Like(this.file.name)) return byte >= this.trailingIndex.start;
    // an MP4 whose head is not read yet, or another container (Matroska's cues, AVI's index):
    // a read of the last few MiB, far from the playhead, is the player looking for the index
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
    // a seek: the new position is outside what was being fetched in order. A seek into the far
    // band is one too: that band was fetched rarest-first, and the peers' queues still hold the
    // old position's next seconds, which now only delay the new ones
    const jumped = !old.some(
      (band) => band.priority >= PRIORITY.mid && from >= band.from && from <= band.to,
    );
    this.windowStartPiece = from;
    this.windowStartByte = byte;
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

  /**
   * Where the player's reader has got to: everything before it has been handed to the player,
   * so the window starts there. It follows the read, piece by piece, while the playhead lags
   * behind by whatever the player buffers; a read that waits is always at the window's front.
   */
  readerAt(byte: number): void {
    if (this.stopped || this.isIndexRead(byte)) return;
    this.moveToByte(byte);
  }

  /**
   * The window's playhead: seconds become bytes through the average bitrate. It only pushes the
   * window forward; the reader is ahead of it whenever the player is reading, and a seek back
   * arrives as a new read.
   */
  setPlayhead(positionSeconds: number, durationSeconds?: number): void {
    // the first window was sized on a guessed bitrate: the real one re-plans it at once
    const learned =
      durationSeconds !== undefined &&
      durationSeconds > 0 &&
      durationSeconds !== this.durationSeconds;
    if (learned) this.durationSeconds = durationSeconds;
    const rate = bytesPerSecond(this.geometry.fileLength, this.durationSeconds);
    const byte = Math.floor(positionSeconds * rate);
    const ahead = piecesOfBytes(this.geometry, byte, byte).from > this.windowStartPiece;
    if (ahead) this.moveToByte(byte, learned);
    else if (learned) this.moveToByte(this.windowStartByte, true);
    // the window reports when playback starts (the first frame is up): a report means the
    // player has read the header and is playing
    this.prefetchTailIndex();
  }

  /**
   * Playback is under way: a container whose index may be at its end gets that end fetched, after
   * the pieces the player's read waits for and before the next seconds: the player reads ahead
   * as fast as pieces come, so the window's near band is never all asked for while it does. A
   * seek that reads it lifts it to header priority.
   */
  private prefetchTailIndex(): void {
    if (this.tailPrefetched || this.stopped || isMp4Like(this.file.name)) return;
    this.tailPrefetched = true;
    const length = this.geometry.fileLength;
    const band: PieceBand = {
      ...planByteRange(this.geometry, Math.max(0, length - TAIL_PREFETCH_BYTES), length - 1),
      priority: PRIORITY.tail,
      critical: false,
    };
    if (this.headerBands.some((b) => b.from <= band.from && b.to >= band.to)) return;
    this.headerBands.push(band);
    this.apply(band);
    this.updateStrategy();
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
    this.stopSniffing?.();
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
    this.stopSniffing?.();
    if (this.stopped) return;
    this.placeIndex(Buffer.concat(chunks), true);
  }

  /**
   * Fetches the MP4 index at header priority once the head tells where it is. An unverified head
   * (a peer's first block) places it early; the verified head confirms it or moves it.
   */
  private placeIndex(head: Uint8Array, verified: boolean): void {
    if (this.stopped) return;
    const moov = locateMoov(head, this.geometry.fileLength);
    let band: PieceBand | undefined;
    let trailing: { start: number; end: number } | undefined;
    if (moov.kind === 'at-start' && moov.end >= HEAD_BYTES)
      band = planByteRange(this.geometry, 0, moov.end);
    else if (moov.kind === 'after-media') {
      trailing = { start: moov.start, end: moov.end };
      band = planByteRange(this.geometry, moov.start, moov.end);
    }
    const sniffed = this.sniffedIndexBand;
    if (verified && sniffed) {
      this.sniffedIndexBand = undefined;
      if (band && band.from === sniffed.from && band.to === sniffed.to) return; // confirmed
      this.headerBands = this.headerBands.filter((b) => b !== sniffed);
      this.remove(sniffed);
      if (!band) this.trailingIndex = undefined;
    }
    if (!band) return;
    if (!verified) this.sniffedIndexBand = band;
    if (trailing) this.trailingIndex = trailing;
    this.headerBands.push(band);
    this.apply(band);
    this.updateStrategy();
  }

  private apply(band: PieceBand): void {
    if (this.torrent.destroyed) return;
    // marked critical before it is selected: selecting makes webtorrent fill its peers' queues at
    // once, and a critical piece is shared among them (its blocks spread) only when it is marked
    // by then. critical() would refill the queues itself, from the old selections, so only the
    // marks are set here.
    if (band.critical)
      for (let i = band.from; i <= band.to; i += 1) this.torrent._critical[i] = true;
    // _select with the stream flag: public select() merges overlapping ranges into the highest
    // priority, which would lift the whole file to the window's priority.
    this.torrent._select(band.from, band.to, band.priority, undefined, true);
  }

  private remove(band: PieceBand): void {
    if (this.torrent.destroyed) return;
    this.torrent._deselect(band.from, band.to, true);
  }
}
