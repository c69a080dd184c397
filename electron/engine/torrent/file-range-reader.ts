// Reads exactly one byte range of a torrent file: never more bytes than asked, never a selection
// beyond the pieces the range needs, and a read that stops short becomes an error, never a quiet end.
import type { Torrent, TorrentFile } from 'webtorrent';

/** The film's data could not be read back from the disk (a drive fault, a file changed or cut). */
export class DiskReadError extends Error {
  constructor(detail: string) {
    super(
      `Essaim could not read this film from the disk: ${detail}. Check the drive, then play it again.`,
    );
    this.name = 'DiskReadError';
  }
}

/** The torrent went away while a read was waiting: not a disk fault, the stream simply ends. */
export class TorrentStoppedError extends Error {
  constructor() {
    super('This torrent was stopped.');
    this.name = 'TorrentStoppedError';
  }
}

/**
 * Bytes [start, end] (inclusive) of `file`. Returning the iterator (as a stream's destroy does)
 * releases its piece selection at once, even while it waits for a piece.
 */
export function readFileRange(
  torrent: Torrent,
  file: TorrentFile,
  range: { start: number; end: number },
): AsyncIterableIterator<Uint8Array> {
  const { start, end } = range;
  let left = end - start + 1;
  // webtorrent takes an `end` of 0 for "no end" and would select and read the whole file: ask
  // for byte 1 as well (the same piece, unless the file's first byte closes a piece) and cut.
  const asked = end === 0 && file.length > 1 ? 1 : end;
  const inner = file[Symbol.asyncIterator]({ start, end: asked });
  let finished = false;
  const finish = async (): Promise<IteratorResult<Uint8Array>> => {
    if (!finished) {
      finished = true;
      await inner.return?.();
    }
    return { done: true, value: undefined };
  };

  const reader: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]: () => reader,
    next: async () => {
      if (left <= 0 || finished) return finish();
      let step: IteratorResult<Uint8Array>;
      try {
        step = await inner.next();
      } catch (err) {
        if (finished) return { done: true, value: undefined };
        await finish();
        throw torrent.destroyed ? new TorrentStoppedError() : new DiskReadError(describe(err));
      }
      // returned while waiting (the viewer seeked away): whatever the wait ended with is moot
      if (finished) return { done: true, value: undefined };
      if (step.done) {
        finished = true;
        // webtorrent ends a read quietly when the disk fails: find out why, so it can be said
        if (torrent.destroyed) throw new TorrentStoppedError();
        throw new DiskReadError(await probe(torrent, file.offset + end + 1 - left));
      }
      const chunk = step.value.length > left ? step.value.subarray(0, left) : step.value;
      left -= chunk.length;
      return { done: false, value: chunk };
    },
    return: finish,
  };
  return reader;
}

/** Reads one byte at `torrentByte` straight from the store, to learn what went wrong there. */
function probe(torrent: Torrent, torrentByte: number): Promise<string> {
  const store = torrent.store;
  if (!store) return Promise.resolve('the torrent has no storage any more');
  const index = Math.floor(torrentByte / torrent.pieceLength);
  const offset = torrentByte - index * torrent.pieceLength;
  return new Promise((resolve) => {
    store.get(index, { offset, length: 1 }, (err) =>
      resolve(err ? describe(err) : 'a read stopped before the end'),
    );
  });
}

function describe(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\.$/, '') || 'unknown error';
}
