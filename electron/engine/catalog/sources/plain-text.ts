// Turns text from a feed or a web answer (which may hold HTML markup and character references)
// into plain text for names and synopses. Never returns markup: the window shows it as text only.

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** Code points that are not text (controls, surrogates, non-characters) become a space. */
function codePointText(code: number): string {
  if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff) return ' ';
  if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return ' ';
  if ((code >= 0x7f && code < 0xa0) || (code >= 0xd800 && code <= 0xdfff)) return ' ';
  return String.fromCodePoint(code);
}

/** Decodes character references once (never recursively: "&amp;lt;" stays "&lt;"). */
export function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      return codePointText(parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const INLINE_TAG =
  /<\/?(a|abbr|b|big|cite|code|em|font|i|mark|q|s|small|span|strong|sub|sup|u)\b[^>]*>/gi;

/**
 * Plain text from text that may hold HTML: tags dropped (block ends become spaces), references
 * decoded once, whitespace collapsed, cut to `max` characters. The input is cut first so a huge
 * value costs little.
 */
export function plainText(raw: unknown, max: number): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  const text = String(raw).slice(0, max * 8);
  const withoutMarkup = text
    .replace(/<!\[CDATA\[|\]\]>/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // inline tags sit inside words ("<b>Feed</b>.Film"); block tags separate them
    .replace(INLINE_TAG, '')
    .replace(/<\/?[a-z][^>]*>/gi, ' ');
  const decoded = decodeReferences(withoutMarkup)
    // a reference that decoded into a tag ("&lt;b&gt;") is text the source meant to show: keep it
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return decoded.length > max ? `${decoded.slice(0, max - 1).trimEnd()}…` : decoded;
}
