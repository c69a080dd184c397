// Shared by the file picker and drag-and-drop: read a .torrent, then add and play it.
// Returns a plain-words reason when the file cannot be used, or null when playback started.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TORRENT_BYTES, readTorrentFile } from '../../lib/read-torrent-file';
import { playSource } from '../../store/actions';

export function useTorrentFileOpener(): (file: File) => Promise<string | null> {
  const { t } = useTranslation();
  // stable identity so listeners registered with it are not torn down on every render
  return useCallback(
    async (file: File) => {
      const read = await readTorrentFile(file);
      if (!read.ok) {
        return t(`open.fileErrors.${read.reason}`, {
          name: file.name,
          limit: MAX_TORRENT_BYTES / (1024 * 1024),
        });
      }
      void playSource({ source: read.source, label: file.name.replace(/\.torrent$/i, '') });
      return null;
    },
    [t],
  );
}
