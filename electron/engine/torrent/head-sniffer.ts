// Reads a file's first bytes as they arrive from a peer, before their piece is verified, only to
// learn early where an MP4's index sits. Nothing read here is served or kept: the verified head,
// read a few hundred milliseconds later, has the last word.
import type { Torrent, TorrentFile, Wire } from 'webtorrent';

/** Calls `onHead` once with the file's first bytes from the first block that holds them. */
export function sniffFileHead(
  torrent: Torrent,
  file: TorrentFile,
  onHead: (head: Uint8Array) => void,
): () => void {
  const firstPiece = Math.floor(file.offset / torrent.pieceLength);
  const startInPiece = file.offset - firstPiece * torrent.pieceLength;
  const watched = new Set<Wire>();
  let done = false;
  const onPiece = (index: unknown, offset: unknown, block: unknown): void => {
    if (done || index !== firstPiece || typeof offset !== 'number') return;
    if (!(block instanceof Uint8Array)) return;
    // the block must hold the file's first byte
    if (offset > startInPiece || offset + block.length <= startInPiece) return;
    stop();
    onHead(block.subarray(startInPiece - offset));
  };
  const watch = (wire: Wire): void => {
    if (done || watched.has(wire)) return;
    watched.add(wire);
    wire.on('piece', onPiece);
  };
  const stop = (): void => {
    done = true;
    torrent.off('wire', watch);
    for (const wire of watched) wire.off('piece', onPiece);
    watched.clear();
  };
  for (const wire of torrent.wires) watch(wire);
  torrent.on('wire', watch);
  return stop;
}
