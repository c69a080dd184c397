// Shared by the file picker and drag-and-drop: read a .torrent, then add and play it.
// Returns what went wrong (a file that cannot be read, or the engine's refusal), or null once
// playback started; the player opens only after the torrent was added.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { MAX_TORRENT_BYTES, readTorrentFile } from '../../lib/read-torrent-file';
import { openAndPlay } from '../../store/actions';

/** A problem with what the user opened: our own words, or an engine error with its code. */
export type OpenProblem = { text: string } | { error: AppError };

export function useTorrentFileOpener(): (file: File) => Promise<OpenProblem | null> {
  const { t } = useTranslation();
  // stable identity so listeners registered with it are not torn down on every render
  return useCallback(
    async (file: File) => {
      const read = await readTorrentFile(file);
      if (!read.ok) {
        const text = t(`open.fileErrors.${read.reason}`, {
          name: file.name,
          limit: MAX_TORRENT_BYTES / (1024 * 1024),
        });
        return { text };
      }
      const error = await openAndPlay({
        source: read.source,
        label: file.name.replace(/\.torrent$/i, ''),
      });
      return error ? { error } : null;
    },
    [t],
  );
}
