// What the window sees of a playback session: its view when it opens (the stream URL works at
// once, the file shows when already known) and how much of the start-up buffer is ready.
import type { LibraryItem, PlaybackSession } from '../../../shared/domain.js';
import { mimeTypeFor } from '../stream/stream-server.js';
import { bytesPerSecond, piecesOfBytes } from '../torrent/piece-plan.js';
import type { TorrentPhase } from '../torrent/torrent-client.js';

/** Start-up buffer: this much media at the resume point before the window says "playing". */
const STARTUP_SECONDS = 2;

/** A session's first view, before its file is attached. */
export function openingView(o: {
  sessionId: string;
  item: LibraryItem;
  torrentPhase: TorrentPhase;
  /** the file asked for, else the one the library remembers */
  knownIndex: number | undefined;
  urlFor(sessionId: string, fileName: string): string;
}): PlaybackSession {
  const { sessionId, item, torrentPhase, knownIndex } = o;
  const knownName =
    knownIndex !== undefined ? item.files[knownIndex]?.path.split('/').pop() : undefined;
  return {
    sessionId,
    itemId: item.id,
    phase:
      torrentPhase === 'ready' ? 'buffering' : torrentPhase === 'error' ? 'error' : torrentPhase,
    bufferPercent: 0,
    resumeAtSeconds: item.positionSeconds,
    // the URL works at once: the stream server waits for the metadata itself
    streamUrl: o.urlFor(sessionId, knownName ?? 'video'),
    ...(knownName ? { fileName: knownName, mimeType: mimeTypeFor(knownName) } : {}),
    ...(knownIndex !== undefined ? { fileIndex: knownIndex } : {}),
  };
}

/**
 * 0..100: the pieces holding the file's start (its header) and the first seconds at the resume
 * point that are already here. Runs on every stats tick while buffering, so it reads in place.
 */
export function startupBufferPercent(
  torrent: { pieceLength: number; bitfield: { get(piece: number): boolean } },
  file: { offset: number; length: number },
  resumeAtSeconds: number,
  durationSeconds: number | undefined,
): number {
  const rate = bytesPerSecond(file.length, durationSeconds);
  const start = Math.floor(resumeAtSeconds * rate);
  const g = {
    fileOffset: file.offset,
    fileLength: file.length,
    pieceLength: torrent.pieceLength,
  };
  const { from, to } = piecesOfBytes(g, start, start + rate * STARTUP_SECONDS);
  const head = piecesOfBytes(g, 0, 0).from;
  const needed = new Set<number>([head]);
  for (let p = from; p <= to; p++) needed.add(p);
  let have = 0;
  for (const p of needed) if (torrent.bitfield.get(p)) have++;
  return Math.floor((have / needed.size) * 100);
}
