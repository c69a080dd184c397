// Reads ASS/SSA subtitles as ASS text for the styled renderer: an embedded track as ffmpeg
// extracts it (text grows while the file downloads), a torrent's file or the viewer's own file.
// The text only ever goes to the ASS renderer's worker, never into the page as markup.
import { decodeSubtitleBytes } from '../../../../shared/subtitles/subtitle-encoding';
import { MAX_SUBTITLE_FILE_BYTES } from './subtitle-loading';

/** ASS and SSA files; everything else keeps the plain text renderer. */
export const isAssFormat = (format: string | undefined): boolean =>
  format === 'ass' || format === 'ssa';

/** ASS text from a file's bytes in any common encoding. */
export function assTextFromBytes(bytes: Uint8Array): string {
  return decodeSubtitleBytes(bytes.subarray(0, MAX_SUBTITLE_FILE_BYTES)).text;
}

/** A torrent's ASS file, whole. */
export async function loadAssFile(url: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`subtitles ${res.status}`);
  return assTextFromBytes(new Uint8Array(await res.arrayBuffer()));
}

/** The renderer re-reads the whole track on each update, so updates come at most this often. */
const UPDATE_MS = 1000;

/** An embedded ASS track: `onText` gets the whole text so far, as it grows, then once at the end. */
export async function streamAssText(
  url: string,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<void> {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) throw new Error(`subtitles ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let sent = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length > MAX_SUBTITLE_FILE_BYTES) throw new Error('subtitles too large');
      if (Date.now() - sent >= UPDATE_MS && text.includes('\nDialogue:')) {
        sent = Date.now();
        onText(text);
      }
    }
    onText(text + decoder.decode());
  } finally {
    reader.cancel().catch(() => {});
  }
}
