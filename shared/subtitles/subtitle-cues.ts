// Parses subtitle text (SubRip, WebVTT, ASS/SSA) into plain cues: times and text only. The text
// is untrusted: markup and style codes are removed here and the window shows it as text, never HTML.

export interface Cue {
  start: number;
  end: number;
  text: string;
  /** the whole cue is in italics (voices off screen, songs): kept as a flag, never as markup */
  italic?: true;
  /** placed at the top of the picture (signs, or a line over burnt-in text) */
  top?: true;
}

/** Italics and top placement read from the raw cue, before its markup is removed. */
function styleOf(raw: string, settings = ''): Pick<Cue, 'italic' | 'top'> {
  // plain string searches only: a hostile cue must not cost more than one pass over it
  const body = raw
    .trim()
    .slice(0, MAX_CUE_CHARS * 4)
    .toLowerCase();
  const assClose = body.indexOf('{\\i0}');
  // ASS turns italics on in the cue's first override block, e.g. {\an8\i1}
  const firstBlock = body.startsWith('{') ? body.slice(0, body.indexOf('}') + 1) : '';
  const italic =
    (body.startsWith('<i>') && body.indexOf('</i>') === body.length - 4) ||
    (/\\i1(?![0-9])/.test(firstBlock) && (assClose < 0 || assClose === body.length - 5));
  // \an7-9 (numpad positions), \a5-7 (old SSA), or WebVTT "line:0"
  const top =
    /\\an[789]/.test(body) ||
    /\\a[567](?![0-9])/.test(body) ||
    /(^|\s)line:0%?(\s|,|$)/.test(settings);
  return { ...(italic ? { italic: true } : {}), ...(top ? { top: true } : {}) };
}

export type SubtitleFormat = 'srt' | 'vtt' | 'ass';

/** Bounds against hostile files: a cue's text, the number of cues, the text looked at. */
export const MAX_CUE_CHARS = 1000;
export const MAX_CUES = 50_000;
export const MAX_TEXT_CHARS = 20 * 1024 * 1024;
/** Subtitles past 100 hours are broken timing, not a film. */
const MAX_SECONDS = 360_000;

export function detectFormat(text: string): SubtitleFormat {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^WEBVTT/.test(head)) return 'vtt';
  if (/^\s*\[Script Info\]/im.test(head) || /^Dialogue:/m.test(text.slice(0, 65536))) return 'ass';
  return 'srt';
}

export function parseSubtitles(input: string, format = detectFormat(input)): Cue[] {
  const text = normaliseNewlines(input.slice(0, MAX_TEXT_CHARS));
  const cues = format === 'ass' ? parseAss(text) : parseBlocks(text);
  return cues.sort((a, b) => a.start - b.start).slice(0, MAX_CUES);
}

function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** `[hh:]mm:ss[,.]mmm` -> seconds, or undefined when it is not a time. */
export function parseTimestamp(raw: string): number | undefined {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, h = '0', min = '0', s = '0', ms = '0'] = m;
  const seconds =
    Number(h) * 3600 + Number(min) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;
  return Number.isFinite(seconds) && seconds <= MAX_SECONDS ? seconds : undefined;
}

/** One SubRip or WebVTT block (the lines between blank lines) -> a cue, if it is one. */
export function parseBlock(block: string): Cue | undefined {
  const lines = block.split('\n');
  const at = lines.findIndex((l) => l.includes('-->'));
  if (at < 0 || at > 2) return undefined;
  const [left = '', rightWithSettings = ''] = (lines[at] ?? '').split('-->');
  // WebVTT puts cue settings after the end time ("00:01.000 --> 00:02.000 line:0")
  const start = parseTimestamp(left);
  const end = parseTimestamp(rightWithSettings.trim().split(/\s+/)[0] ?? '');
  if (start === undefined || end === undefined || end <= start) return undefined;
  const raw = lines.slice(at + 1).join('\n');
  const text = cleanText(raw);
  const settings = rightWithSettings.trim().split(/\s+/).slice(1).join(' ');
  return text === '' ? undefined : { start, end, text, ...styleOf(raw, settings) };
}

function parseBlocks(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of text.split(/\n[ \t]*\n/)) {
    if (cues.length >= MAX_CUES) break;
    const cue = parseBlock(block.trim());
    if (cue) cues.push(cue);
  }
  return cues;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': '\u00a0',
  '&lrm;': '\u200e',
  '&rlm;': '\u200f',
};

/** Markup and style codes out, a few entities decoded, bounded length. Plain text remains. */
export function cleanText(raw: string): string {
  const text = raw
    .slice(0, MAX_CUE_CHARS * 4)
    .replace(/<[^>\n]{0,500}>/g, '') // <i>, <font color=...>, <c.yellow>, <script>...
    .replace(/\{\\[^}\n]{0,500}\}/g, '') // {\an8} and other ASS codes found in SubRip files
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm);/g, (e) => ENTITIES[e] ?? e)
    // control characters other than newline and tab say nothing a viewer can read
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
  return text.length > MAX_CUE_CHARS ? `${text.slice(0, MAX_CUE_CHARS)}…` : text;
}

/** ASS/SSA: the [Events] Dialogue lines, with their override codes and drawings removed. */
function parseAss(text: string): Cue[] {
  const cues: Cue[] = [];
  let fields = [
    'layer',
    'start',
    'end',
    'style',
    'name',
    'marginl',
    'marginr',
    'marginv',
    'effect',
    'text',
  ];
  for (const line of text.split('\n')) {
    if (cues.length >= MAX_CUES) break;
    if (/^Format:/i.test(line)) {
      const named = line
        .slice(7)
        .split(',')
        .map((f) => f.trim().toLowerCase());
      if (named.includes('start') && named.includes('end') && named.at(-1) === 'text')
        fields = named;
      continue;
    }
    if (!/^Dialogue:/i.test(line)) continue;
    const values = splitFields(line.slice(line.indexOf(':') + 1), fields.length);
    const get = (name: string) => values[fields.indexOf(name)] ?? '';
    const start = parseAssTime(get('start'));
    const end = parseAssTime(get('end'));
    if (start === undefined || end === undefined || end <= start) continue;
    const body = get('text');
    // \p1.. switches to vector drawing: its "text" is coordinates, not words
    if (/\{[^}]*\\p[1-9]/.test(body)) continue;
    const plain = cleanText(body.replace(/\\N/gi, '\n').replace(/\\h/g, ' '));
    if (plain !== '') cues.push({ start, end, text: plain, ...styleOf(body) });
  }
  return cues;
}

/** The first `count - 1` commas separate fields; the text keeps its own commas. */
function splitFields(rest: string, count: number): string[] {
  const values: string[] = [];
  let from = 0;
  for (let i = 0; i < count - 1; i++) {
    const comma = rest.indexOf(',', from);
    if (comma < 0) break;
    values.push(rest.slice(from, comma).trim());
    from = comma + 1;
  }
  values.push(rest.slice(from));
  return values;
}

/** ASS times are `h:mm:ss.cc` (centiseconds). */
function parseAssTime(raw: string): number | undefined {
  const m = /^(\d{1,3}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, h = '0', min = '0', s = '0', frac = '0'] = m;
  const seconds = Number(h) * 3600 + Number(min) * 60 + Number(s) + Number(`0.${frac}`);
  return seconds <= MAX_SECONDS ? seconds : undefined;
}

/**
 * Cues from text that arrives in pieces (an embedded track converted while the file downloads):
 * complete blocks come out as soon as the blank line after them is in.
 */
export class CueStreamParser {
  private buffer = '';

  push(chunk: string): Cue[] {
    this.buffer = normaliseNewlines(this.buffer + chunk);
    const cut = this.buffer.lastIndexOf('\n\n');
    if (cut < 0) {
      // one endless "line" is hostile or broken: drop it rather than grow without bound
      if (this.buffer.length > 64 * 1024) this.buffer = '';
      return [];
    }
    const complete = this.buffer.slice(0, cut);
    this.buffer = this.buffer.slice(cut + 2);
    return parseBlocks(complete);
  }

  end(): Cue[] {
    const rest = this.buffer;
    this.buffer = '';
    return parseBlocks(rest);
  }
}
