// A folder of many tiny files (a season pack, an archive) for the large-torrent tests, made in a
// temp folder; every third file and the last one are "videos" so the list has files to play.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PER_FOLDER = 100;

export const manyFileName = (index: number, count: number): string => {
  const playable = index % 3 === 0 || index === count - 1;
  const folder = `part-${String(Math.floor(index / PER_FOLDER)).padStart(3, '0')}`;
  return `${folder}/clip-${String(index).padStart(5, '0')}.${playable ? 'mp4' : 'txt'}`;
};

/** Writes `count` files of a few bytes under `root`, in folders of 100; returns their paths. */
export async function writeManyFiles(root: string, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => manyFileName(i, count));
  const folders = new Set(names.map((n) => n.slice(0, n.indexOf('/'))));
  await Promise.all([...folders].map((f) => mkdir(join(root, f), { recursive: true })));
  // a few hundred writes at a time: fast, and well under the open-files limit
  for (let i = 0; i < names.length; i += 500) {
    await Promise.all(
      names.slice(i, i + 500).map((name, j) => writeFile(join(root, name), `file ${i + j}\n`)),
    );
  }
  return names;
}
