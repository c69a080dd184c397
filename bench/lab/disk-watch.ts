// For clients without a player: when are the first seconds of the film on disk, in order (and,
// for an MP4 with its index at the end, the index too)? And when is the whole file there?
// It reads the files it is given and never writes.
import { open, stat } from 'node:fs/promises';

/** the byte range of an MP4's top-level `moov` box, found by walking the box headers */
export async function moovRange(file: string): Promise<{ start: number; end: number } | undefined> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const header = Buffer.alloc(16);
    for (let at = 0; at + 8 <= size;) {
      await handle.read(header, 0, 16, at);
      let boxSize = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) boxSize = size - at;
      if (boxSize < 8) return undefined;
      if (type === 'moov') return { start: at, end: Math.min(size, at + boxSize) };
      at += boxSize;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

export interface Region {
  start: number;
  end: number;
}

/** The regions a player needs before it can start: the first `prefixBytes`, and moov if elsewhere. */
export async function startRegions(source: string, prefixBytes: number): Promise<Region[]> {
  const regions: Region[] = [{ start: 0, end: prefixBytes }];
  const moov = await moovRange(source).catch(() => undefined);
  if (moov && moov.start > prefixBytes) regions.push(moov);
  return regions;
}

async function readRegion(file: string, region: Region): Promise<Buffer | undefined> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(region.end - region.start);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, region.start);
      return bytesRead === buffer.length ? buffer : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** true when every region of `file` holds the same bytes as `source` */
export async function regionsMatch(
  file: string,
  source: string,
  regions: Region[],
): Promise<boolean> {
  for (const region of regions) {
    const [mine, theirs] = await Promise.all([
      readRegion(file, region),
      readRegion(source, region),
    ]);
    if (!mine || !theirs || !mine.equals(theirs)) return false;
  }
  return true;
}

/** Polls until `file` holds the regions; resolves with the wall time it first did. */
export async function waitRegions(
  file: () => string | undefined,
  source: string,
  regions: Region[],
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const path = file();
    if (path && (await regionsMatch(path, source, regions))) return Date.now();
    if (Date.now() > deadline) throw new Error('the first seconds never reached the disk in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Bytes actually written to `file` (allocated blocks), so sparse files do not look complete. */
export async function allocatedBytes(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  return s ? s.blocks * 512 : 0;
}
