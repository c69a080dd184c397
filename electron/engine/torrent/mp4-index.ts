// Where an MP4's index (the moov box) sits, read from the file's first bytes alone: before the
// media, or after it (then it starts where the mdat box ends). Reads box headers, nothing more.

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
