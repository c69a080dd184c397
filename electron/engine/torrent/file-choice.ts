// Decides which file of a torrent is the film to play. Pure: it only looks at names and sizes,
// and never offers a sample, a trailer picked by chance, or anything that could run as a program.

const VIDEO_EXTENSIONS = new Set(['mp4', 'm4v', 'mkv', 'webm', 'mov', 'avi', 'ts', 'm2ts', 'ogv']);
const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'bat', 'cmd', 'scr', 'msi', 'sh', 'app', 'lnk', 'js', 'vbs', 'ps1', 'jar', 'pif',
]); // prettier-ignore
const SAMPLE = /\bsample\b/i;
const TRAILER = /\btrailers?\b/i;

export interface FileEntry {
  index: number;
  path: string;
  length: number;
}

const segmentsOf = (path: string): string[] => path.split(/[\\/]/).filter((s) => s !== '');
const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/**
 * A video file that is not a sample and does not sit inside something executable (a folder such as
 * "Setup.app" or "x.exe" can hold a harmless-looking .mp4 next to a program).
 */
export function isPlayablePath(path: string): boolean {
  const segments = segmentsOf(path);
  const last = segments.at(-1);
  if (last === undefined || !VIDEO_EXTENSIONS.has(extensionOf(last))) return false;
  return segments.every((s) => !SAMPLE.test(s) && !EXECUTABLE_EXTENSIONS.has(extensionOf(s)));
}

function matchesName(path: string, fileName: string): boolean {
  const wanted = segmentsOf(fileName).join('/');
  const have = segmentsOf(path).join('/');
  return wanted !== '' && (have === wanted || have.endsWith(`/${wanted}`));
}

/** The index of the file to play, or undefined when the torrent holds no playable video. */
export function choosePlayableFile(
  files: FileEntry[],
  hint?: { fileName?: string; fileIndex?: number },
): number | undefined {
  const playable = files.filter((f) => isPlayablePath(f.path));
  if (hint?.fileIndex !== undefined) {
    const hinted = playable.find((f) => f.index === hint.fileIndex);
    if (hinted) return hinted.index;
  }
  if (hint?.fileName) {
    const { fileName } = hint;
    const hinted =
      playable.find((f) => matchesName(f.path, fileName)) ??
      playable.find((f) => matchesName(f.path.toLowerCase(), fileName.toLowerCase()));
    if (hinted) return hinted.index;
  }
  let best: FileEntry | undefined;
  for (const file of playable) {
    if (segmentsOf(file.path).some((s) => TRAILER.test(s))) continue;
    if (!best || file.length > best.length) best = file;
  }
  return best?.index;
}

/** Why a torrent is turned away, in plain words, naming a few of the files it does hold. */
export function noPlayableFileMessage(paths: string[]): string {
  const names = paths.map((p) => segmentsOf(p).at(-1) ?? p);
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  const holds = names.length > 0 ? ` It holds only: ${names.slice(0, 3).join(', ')}${more}.` : '';
  return `This torrent holds no video that can be played, so it was not added to your library.${holds}`;
}
