// What a torrent just added becomes in the library: a fresh item, paused until played, with a
// magnet link that finds it again after a restart. Pure; the caller stores it.
import type { LibraryItem, TorrentFileInfo } from '../../../shared/domain.js';
import type { ReadSource } from './source-reader.js';

export function newLibraryItem(
  read: ReadSource,
  files: TorrentFileInfo[],
  meta: { titleId?: string; episodeId?: string },
): LibraryItem {
  const id = read.source.infoHash;
  const parsed = read.parsed;
  return {
    id,
    name: parsed?.name ?? read.magnetName ?? id,
    addedAt: Date.now(),
    magnet: magnetOf(
      id,
      parsed?.name ?? read.magnetName,
      parsed?.announce ?? (read.source.kind === 'magnet' ? read.source.trackers : []),
    ),
    files,
    length: parsed?.length ?? 0,
    downloaded: 0,
    uploaded: 0,
    progress: 0,
    positionSeconds: 0,
    status: parsed ? 'paused' : 'fetching-metadata',
    ...(meta.titleId ? { titleId: meta.titleId } : {}),
    ...(meta.episodeId ? { episodeId: meta.episodeId } : {}),
  };
}

function magnetOf(infoHash: string, name: string | undefined, trackers: string[]): string {
  const parts = [`xt=urn:btih:${infoHash}`];
  if (name) parts.push(`dn=${encodeURIComponent(name)}`);
  for (const tr of trackers.slice(0, 20)) parts.push(`tr=${encodeURIComponent(tr)}`);
  return `magnet:?${parts.join('&')}`;
}
