// A loopback swarm for one test film: a tracker, a seeder of the ffmpeg-made video, and a catalog
// file listing it. Lives in the test's own temp folder; never reaches beyond loopback.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSeeder, startTracker } from '../../electron/engine/test-support/swarm.js';

export const FILM_ID = 'e2e-film';
export const FILM_NAME = 'Loopback Film';

export interface FilmSwarm {
  announce: string;
  infoHash: string;
  /** magnet with the tracker in it (tr=) */
  magnet: string;
  torrentPath: string;
  catalogPath: string;
  /** stops the seeder only: the app then is the film's only source */
  stopSeeder(): Promise<void>;
  close(): Promise<void>;
}

export async function startFilmSwarm(videoPath: string, dir: string): Promise<FilmSwarm> {
  const tracker = await startTracker();
  const seeder = await startSeeder({ path: videoPath, announce: [tracker.announceUrl] }).catch(
    async (err: unknown) => {
      await tracker.close();
      throw err;
    },
  );
  const magnet = seeder.magnet.includes('tr=')
    ? seeder.magnet
    : `${seeder.magnet}&tr=${encodeURIComponent(tracker.announceUrl)}`;
  const catalogPath = join(dir, 'catalog.json');
  await writeFile(
    catalogPath,
    JSON.stringify({
      format: 'essaim-catalog',
      version: 1,
      name: 'E2E',
      titles: [
        {
          id: FILM_ID,
          kind: 'film',
          name: FILM_NAME,
          year: 2026,
          synopsis: 'A test pattern with a tone, made for this run and shared on loopback.',
          source: magnet,
        },
      ],
      channels: [],
    }),
  );
  let seederClosed: Promise<void> | undefined;
  const stopSeeder = () => (seederClosed ??= seeder.close());
  return {
    announce: tracker.announceUrl,
    infoHash: seeder.infoHash,
    magnet,
    torrentPath: seeder.torrentPath,
    catalogPath,
    stopSeeder,
    close: async () => {
      await Promise.allSettled([stopSeeder(), tracker.close()]);
    },
  };
}
