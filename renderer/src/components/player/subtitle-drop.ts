// Lets a subtitle file dropped anywhere on the window reach the open player (the window-wide
// drop handler opens .torrent files; subtitle files go to whoever registered here).
type Handler = (file: File) => void;
let handler: Handler | null = null;

export const isSubtitleFileName = (name: string) => /\.(srt|vtt|ass|ssa)$/i.test(name);

export function setSubtitleDropHandler(next: Handler | null): void {
  handler = next;
}

/** true when the file was a subtitle file and a player took it */
export function handleSubtitleDrop(file: File): boolean {
  if (!handler || !isSubtitleFileName(file.name)) return false;
  handler(file);
  return true;
}
