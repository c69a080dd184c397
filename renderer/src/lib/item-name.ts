// The name a library item goes by: its catalog title (and episode) when it came from the catalog,
// else the torrent's own name. Torrent names are often file-like ("Sintel.2010.1080p.mkv").
import type { CatalogView, LibraryItem } from '../../../shared/domain';

export function itemDisplayName(
  item: Pick<LibraryItem, 'name' | 'titleId' | 'episodeId'>,
  catalog: CatalogView | null | undefined,
): string {
  const title = catalog?.titles.find((t) => t.id === item.titleId);
  if (!title) return item.name;
  const episode = title.episodes?.find((e) => e.id === item.episodeId);
  return episode ? `${title.name} · ${episode.name}` : title.name;
}
