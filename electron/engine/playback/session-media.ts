// A playback session's file as others read it: the stream server's target (a disk error there is
// reported with its reason) and, for the media code, the loopback URL and the torrent's other files.
import type { StreamTarget } from '../stream/stream-server.js';
import { DiskReadError } from '../torrent/file-range-reader.js';
import type { ManagedTorrent } from '../torrent/torrent-client.js';

/** What the stream server reads of file `index`; `onDiskError` hears why a read failed on disk. */
export function streamTarget(
  managed: ManagedTorrent,
  index: number,
  file: { length: number; name: string },
  onDiskError: (message: string) => void,
): StreamTarget {
  return {
    length: file.length,
    name: file.name,
    createReadStream: (range) => {
      const stream = managed.openStream(index, range);
      // the stream server cuts the response; the player is told why here
      stream.once('error', (err) => {
        if (err instanceof DiskReadError) onDiskError(err.message);
      });
      return stream;
    },
  };
}

/** What the media code (probing, converting, subtitles) needs of a session once its file is known. */
export interface SessionMedia {
  itemId: string;
  /** the loopback URL of the playing file (ffprobe and ffmpeg read it with ranges) */
  streamUrl: string;
  fileName: string;
  fileIndex: number;
  files: { index: number; path: string; length: number }[];
  /** reads another file of the same torrent (a subtitle file) */
  openFile(index: number): NodeJS.ReadableStream;
}

export function sessionMedia(
  file: Pick<SessionMedia, 'itemId' | 'streamUrl' | 'fileName' | 'fileIndex'>,
  managed: ManagedTorrent,
): SessionMedia {
  return {
    ...file,
    files: managed.files(),
    openFile: (index) => {
      const torrentFile = managed.torrent.files[index];
      return managed.openStream(index, {
        start: 0,
        end: Math.max(0, (torrentFile?.length ?? 1) - 1),
      });
    },
  };
}
