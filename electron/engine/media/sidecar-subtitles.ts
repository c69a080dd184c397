// Finds subtitle files inside a torrent that belong to the chosen video: beside it with the same
// name, in a Subs/ folder, or any when the torrent holds one video. Pure: names and sizes only.
import { languageCode } from './play-path.js';

export interface TorrentFileEntry {
  index: number;
  path: string;
  length: number;
}

export interface SidecarSubtitle {
  index: number;
  format: 'srt' | 'vtt' | 'ass';
  language?: string;
  /** the file's name, as the list shows it */
  title: string;
}

/** Larger than this is not a subtitle file, whatever its name says. */
export const MAX_SUBTITLE_BYTES = 5 * 1024 * 1024;
const FORMATS: Record<string, SidecarSubtitle['format']> = {
  srt: 'srt',
  vtt: 'vtt',
  ass: 'ass',
  ssa: 'ass',
};
const SUBS_FOLDER = /^(subs?|subtitles?|sous-titres)$/i;

const segments = (path: string) => path.split(/[\\/]/).filter((s) => s !== '');
const stem = (name: string) => name.replace(/\.[^.]*$/, '');

export function isSubtitlePath(path: string): boolean {
  const ext = /\.([a-z0-9]{2,4})$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return ext in FORMATS;
}

/** A language named in the words of a file name ("Film.fr.srt", "2_English.srt"). */
function languageOf(words: string[]): string | undefined {
  for (const word of words.reverse()) {
    const code = /^[a-z]{2,3}$/i.test(word) || word.length > 3 ? languageCode(word) : undefined;
    if (code) return code;
  }
  return undefined;
}

export function sidecarSubtitles(
  files: TorrentFileEntry[],
  videoIndex: number,
  videoCount: number,
): SidecarSubtitle[] {
  const video = files.find((f) => f.index === videoIndex);
  if (!video) return [];
  const videoParts = segments(video.path);
  const videoDir = videoParts.slice(0, -1).join('/').toLowerCase();
  const videoStem = stem(videoParts.at(-1) ?? '').toLowerCase();
  const found: SidecarSubtitle[] = [];
  for (const file of files) {
    if (!isSubtitlePath(file.path) || file.length > MAX_SUBTITLE_BYTES) continue;
    const parts = segments(file.path);
    const name = parts.at(-1) ?? '';
    const dir = parts.slice(0, -1);
    const lowerDir = dir.join('/').toLowerCase();
    const fileStem = stem(name).toLowerCase();
    const besideVideo = lowerDir === videoDir && fileStem.startsWith(videoStem);
    // Subs/x.srt or Subs/<video name>/2_English.srt next to the video
    const subsIndex = dir.findIndex((d) => SUBS_FOLDER.test(d));
    const inSubsFolder =
      subsIndex >= 0 &&
      dir.slice(0, subsIndex).join('/').toLowerCase() === videoDir &&
      (dir.length === subsIndex + 1 ||
        dir[subsIndex + 1]?.toLowerCase() === videoStem ||
        videoCount === 1);
    if (!besideVideo && !inSubsFolder && videoCount !== 1) continue;
    const rest = fileStem.startsWith(videoStem) ? stem(name).slice(videoStem.length) : stem(name);
    const language = languageOf(rest.split(/[\s._\-[\]()]+/).filter((w) => w !== ''));
    found.push({
      index: file.index,
      format: FORMATS[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? 'srt',
      ...(language ? { language } : {}),
      title: name,
    });
  }
  return found;
}
