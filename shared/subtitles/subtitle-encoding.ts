// Turns a subtitle file's bytes into text: byte-order marks, strict UTF-8, else the most likely
// legacy code page (many .srt files are Windows-1252 or -1250). Never throws on any input.
import { analyse } from 'chardet';

export interface DecodedText {
  text: string;
  /** the WHATWG name of the encoding used */
  encoding: string;
}

/** Legacy names mapped to the code pages subtitle editors actually write. */
const PREFERRED: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  ascii: 'windows-1252',
};

/**
 * Letters that only Central European text has. A "Windows-1250" guess whose text holds none of
 * them is Western text with an è (which 1250 reads as č): short French lines fool the detector.
 */
const CENTRAL_EUROPEAN = /[řěůłąęśćńźżőűťďňĺľŕăţşđŘĚŮŁĄĘŚĆŃŹŻŐŰŤĎŇĹĽŔĂŢŞĐšžŠŽ]/;

/** What TextDecoder may be asked for (chardet can name encodings a decoder lacks). */
function decoderFor(
  name: string,
): { decode(bytes: Uint8Array): string; encoding: string } | undefined {
  try {
    return new TextDecoder(name);
  } catch {
    return undefined;
  }
}

export function decodeSubtitleBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: a legacy code page, guessed from letter frequencies below
  }
  // detection reads only the first part: enough text, and bounded work on a huge hostile file
  const sample = bytes.subarray(0, 64 * 1024);
  for (const match of analyse(sample)) {
    const wanted = match.name.toLowerCase();
    const name = PREFERRED[wanted] ?? wanted;
    // only single-byte Latin/Cyrillic guesses: a UTF-16 or Asian guess on non-UTF-8 bytes is noise
    if (!/^(windows-12\d\d|iso-8859-\d{1,2}|koi8-r)$/.test(name)) continue;
    const decoder = decoderFor(name);
    if (!decoder) continue;
    const text = decoder.decode(bytes);
    if (/^(windows-1250|iso-8859-2)$/.test(name) && !CENTRAL_EUROPEAN.test(text)) break;
    return { text, encoding: decoder.encoding };
  }
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}
