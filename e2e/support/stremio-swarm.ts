// A loopback Stremio add-on whose streams point at a real torrent seeded on loopback: a folder of
// two videos (a long film and a short clip), with the add-on's fileIdx naming the short clip, so a
// journey can tell that the chosen file, not the largest one, is what plays.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import bencode from 'bencode';
import { makeTestVideo } from '../../electron/engine/test-support/media.js';
import {
  startStremioAddon,
  type StremioAddon,
} from '../../electron/engine/test-support/stremio-addon.js';
import { startSeeder, startTracker } from '../../electron/engine/test-support/swarm.js';

export const CLIP_SECONDS = 12;
const CLIP_NAME = 'clip.mp4';

export interface StremioSwarm {
  addon: StremioAddon;
  infoHash: string;
  close(): Promise<void>;
}

/** The index of `name` in the torrent's file list, as its info dictionary orders it. */
function fileIndexOf(torrentBytes: Uint8Array, name: string): number {
  const decoded = bencode.decode(torrentBytes) as { info: { files?: { path: Uint8Array[] }[] } };
  const files = decoded.info.files ?? [];
  const index = files.findIndex((f) => Buffer.from(f.path.at(-1) ?? []).toString() === name);
  if (index < 0) throw new Error(`${name} is not in the test torrent`);
  return index;
}

export async function startStremioSwarm(filmPath: string, dir: string): Promise<StremioSwarm> {
  const folder = join(dir, 'stremio-release');
  await mkdir(folder, { recursive: true });
  await copyFile(filmPath, join(folder, 'film.mp4'));
  await makeTestVideo(folder, { seconds: CLIP_SECONDS, name: CLIP_NAME });
  const tracker = await startTracker();
  const seeder = await startSeeder({ path: folder, announce: [tracker.announceUrl] });
  const addon = await startStremioAddon({
    torrent: {
      infoHash: seeder.infoHash,
      fileIdx: fileIndexOf(seeder.torrentBytes, CLIP_NAME),
      announce: tracker.announceUrl,
      torrentBytes: seeder.torrentBytes,
    },
  });
  return {
    addon,
    infoHash: seeder.infoHash,
    close: async () => {
      await Promise.allSettled([addon.close(), seeder.close(), tracker.close()]);
    },
  };
}
