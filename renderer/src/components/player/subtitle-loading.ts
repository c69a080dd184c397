// Reads subtitle cues for the player: an embedded track as it is converted (cues arrive while
// the file downloads), a torrent's subtitle file or the user's own file (encoding detected).
// Everything becomes plain cues; nothing read here is ever treated as markup.
import {
  CueStreamParser,
  parseSubtitles,
  type Cue,
  type SubtitleFormat,
} from '../../../../shared/subtitles/subtitle-cues';
import { decodeSubtitleBytes } from '../../../../shared/subtitles/subtitle-encoding';

/** A subtitle file larger than this is refused (a real one is well under a megabyte). */
export const MAX_SUBTITLE_FILE_BYTES = 5 * 1024 * 1024;

const formatOf = (format: string): SubtitleFormat | undefined =>
  format === 'ass' || format === 'ssa'
    ? 'ass'
    : format === 'vtt'
      ? 'vtt'
      : format === 'srt'
        ? 'srt'
        : undefined;

/** Cues from bytes of a subtitle file in any common encoding. */
export function cuesFromBytes(bytes: Uint8Array, format?: string): Cue[] {
  const { text } = decodeSubtitleBytes(bytes.subarray(0, MAX_SUBTITLE_FILE_BYTES));
  return parseSubtitles(text, formatOf(format ?? '') ?? undefined);
}

/** A torrent's subtitle file, whole. */
export async function loadSubtitleFile(
  url: string,
  format: string,
  signal: AbortSignal,
): Promise<Cue[]> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`subtitles ${res.status}`);
  return cuesFromBytes(new Uint8Array(await res.arrayBuffer()), format);
}

/** An embedded track as WebVTT, cue by cue: `onCues` is called as soon as cues are read. */
export async function streamSubtitleTrack(
  url: string,
  signal: AbortSignal,
  onCues: (cues: Cue[]) => void,
): Promise<void> {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) throw new Error(`subtitles ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new CueStreamParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const cues = parser.push(decoder.decode(value, { stream: true }));
      if (cues.length > 0) onCues(cues);
    }
    const rest = parser.push(decoder.decode()).concat(parser.end());
    if (rest.length > 0) onCues(rest);
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** The cues showing at `time` (cues are few per second; a linear pass is cheap at 4 Hz). */
export function activeCues(cues: readonly Cue[], time: number): Cue[] {
  return cues.filter((c) => time >= c.start && time < c.end);
}
