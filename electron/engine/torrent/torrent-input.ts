// Checks untrusted .torrent bytes and magnet links before the torrent engine ever sees them.
// Never trusts a declared size or depth, never recurses over input, never lets an unsafe path through.
import { createHash } from 'node:crypto';
import { CodedError } from '../../../shared/errors.js';
import { MAX_TORRENT_FILE_BYTES } from '../../../shared/domain.js';
import { magnetInfoHash, parseOpenInput } from '../../../shared/open-input.js';

export const MAX_TORRENT_BYTES = MAX_TORRENT_FILE_BYTES;
const MAX_DEPTH = 64;
const MAX_FILES = 100_000;
const MAX_TOTAL_BYTES = 2 ** 50; // 1 PiB
const MIN_PIECE = 16 * 1024;
const MAX_PIECE = 64 * 1024 * 1024;
const MAX_SEGMENT_BYTES = 255;
const TRACKER_PROTOCOLS = new Set(['http:', 'https:', 'udp:', 'ws:', 'wss:']);
const WEB_SEED_PROTOCOLS = new Set(['http:', 'https:']);

export interface ParsedTorrent {
  infoHash: string;
  name: string;
  files: Array<{ index: number; path: string; length: number }>;
  pieceLength: number;
  pieceCount: number;
  length: number;
  announce: string[];
  urlList: string[];
}

type BValue = number | Uint8Array | BValue[] | Map<string, BValue>;
type Frame =
  { start: number; list: BValue[] } | { start: number; dict: Map<string, BValue>; key?: string };

const invalid = (why: string): CodedError =>
  new CodedError('invalid-torrent', `This .torrent file cannot be used: ${why}`);
const ESCAPES = 'It could write outside the download folder.';
const unsafe = (why: string, risk = ESCAPES): CodedError =>
  new CodedError(
    'unsafe-torrent-paths',
    `This torrent was refused because a file inside it has an unsafe name (${why}). ${risk}`,
  );
const text = new TextDecoder('utf-8');

/**
 * One iterative pass over the bytes: checks depth and every declared length against what is really
 * there before allocating anything, and notes where the top-level `info` value sits so the info
 * hash is taken over the exact original bytes.
 */
function decode(bytes: Uint8Array): { root: BValue; info?: [number, number] } {
  const stack: Frame[] = [];
  let pos = 0;
  let info: [number, number] | undefined;
  for (;;) {
    if (pos >= bytes.length) throw invalid('it is cut short (the file looks truncated).');
    const top = stack.at(-1);
    let start = pos;
    const c = bytes[pos];
    let value: BValue;
    if (c === 0x65 /* e */ && top) {
      stack.pop();
      if ('dict' in top && top.key !== undefined) throw invalid('it is not a valid torrent file.');
      value = 'dict' in top ? top.dict : top.list;
      start = top.start;
      pos++;
    } else if (top && 'dict' in top && top.key === undefined) {
      const [key, next] = readString(bytes, pos);
      top.key = text.decode(key);
      if (top.dict.has(top.key))
        throw invalid('it repeats a field, which a real torrent never does.');
      pos = next;
      continue;
    } else if (c === 0x6c /* l */ || c === 0x64 /* d */) {
      if (stack.length >= MAX_DEPTH)
        throw invalid('it is nested far too deeply (a damaged or hostile file).');
      stack.push(c === 0x6c ? { start, list: [] } : { start, dict: new Map() });
      pos++;
      continue;
    } else if (c === 0x69 /* i */) {
      [value, pos] = readInteger(bytes, pos);
    } else {
      [value, pos] = readString(bytes, pos);
    }
    const parent = stack.at(-1);
    if (!parent) return info ? { root: value, info } : { root: value };
    if ('list' in parent) parent.list.push(value);
    else {
      const key = parent.key as string;
      parent.dict.set(key, value);
      if (key === 'info' && stack.length === 1) info = [start, pos];
      parent.key = undefined;
    }
  }
}

function readInteger(bytes: Uint8Array, pos: number): [number, number] {
  // a sign and 20 digits at most: longer numbers are refused without reading them
  const window = bytes.subarray(pos + 1, pos + 23);
  const end = window.indexOf(0x65);
  if (end < 0 && pos + 23 > bytes.length)
    throw invalid('it is cut short (the file looks truncated).');
  const digits = text.decode(window.subarray(0, end));
  if (end < 0 || !/^-?\d{1,20}$/.test(digits)) throw invalid('it holds a broken number.');
  return [Number(digits), pos + end + 2];
}

function readString(bytes: Uint8Array, pos: number): [Uint8Array, number] {
  let length = 0;
  let i = pos;
  for (; i < bytes.length && bytes[i] !== 0x3a; i++) {
    const digit = (bytes[i] ?? 0) - 0x30;
    if (digit < 0 || digit > 9 || i - pos >= 10)
      throw invalid('it is not a torrent file (not bencoded data).');
    length = length * 10 + digit;
  }
  if (i === pos) throw invalid('it is not a torrent file (not bencoded data).');
  if (i >= bytes.length) throw invalid('it is cut short (the file looks truncated).');
  const start = i + 1;
  if (length > bytes.length - start) {
    throw invalid('it declares more data than the file holds (the file is truncated or hostile).');
  }
  return [bytes.subarray(start, start + length), start + length];
}

const asDict = (v: BValue | undefined): Map<string, BValue> | undefined =>
  v instanceof Map ? v : undefined;
const asBytes = (v: BValue | undefined): Uint8Array | undefined =>
  v instanceof Uint8Array ? v : undefined;
const asText = (v: BValue | undefined): string | undefined => {
  const b = asBytes(v);
  return b ? text.decode(b) : undefined;
};
const asInt = (v: BValue | undefined): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;

const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** Which file-system naming rules apply: Windows' own only where the files are written on Windows. */
export interface PathRules {
  /**
   * Refuse < > : " | ? * and a final dot or space. On Windows a colon writes into a hidden stream
   * of another file and a final dot or space makes two names one file; elsewhere such names are
   * ordinary ("Film: The Sequel.mkv"), so refusing them there would only refuse good torrents.
   */
  windowsNames: boolean;
}

const HOST_RULES: PathRules = { windowsNames: process.platform === 'win32' };

/** Throws unless `segment` is a plain file or folder name that cannot escape its folder on any OS. */
function checkSegment(segment: string, rules: PathRules): void {
  if (segment === '' || segment === '.' || segment === '..')
    throw unsafe(`"${segment}" as a folder name`);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\x00-\x1f\x7f]/.test(segment)) throw unsafe('control characters in a name');
  if (segment.includes('/') || segment.includes('\\'))
    throw unsafe(`"${segment}" contains a slash`);
  if (/^[a-z]:/i.test(segment)) throw unsafe(`"${segment}" starts with a drive letter`);
  // Windows refuses these; a colon is worse, it writes into a hidden stream of another file
  if (rules.windowsNames && /[<>:"|?*]/.test(segment))
    throw unsafe(
      `"${segment}" contains one of < > : " | ? *`,
      'On Windows it could write into a hidden part of another file.',
    );
  // Windows drops a final dot or space, so "a." and "a" would be the same file
  if (rules.windowsNames && /[. ]$/.test(segment))
    throw unsafe(
      `"${segment}" ends with a dot or a space`,
      'On Windows it could overwrite another file in the torrent.',
    );
  if (RESERVED_WINDOWS.test(segment.replace(/[. ]+$/, '')))
    throw unsafe(`"${segment}" is a reserved name`);
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES)
    throw unsafe('a name longer than 255 bytes');
}

function readPath(file: Map<string, BValue>): string[] {
  const raw = file.get('path.utf-8') ?? file.get('path');
  if (!Array.isArray(raw) || raw.length === 0) throw invalid('a file inside it has no name.');
  return raw.map((part) => {
    const segment = asText(part);
    if (segment === undefined) throw invalid('a file inside it has a broken name.');
    return segment;
  });
}

function urlStrings(values: Array<string | undefined>, protocols: Set<string>): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const url = value?.trim();
    if (!url) continue;
    try {
      if (protocols.has(new URL(url).protocol)) out.add(url);
    } catch {
      // a malformed tracker address is skipped; the torrent itself is still usable
    }
  }
  return [...out];
}

export function checkTorrentBytes(bytes: Uint8Array, rules: PathRules = HOST_RULES): ParsedTorrent {
  if (bytes.length === 0) throw invalid('the file is empty.');
  if (bytes.length > MAX_TORRENT_BYTES)
    throw invalid('it is far larger than any real .torrent file (over 8 MiB).');
  const { root, info: infoRange } = decode(bytes);
  const top = asDict(root);
  const info = asDict(top?.get('info'));
  if (!top || !info || !infoRange)
    throw invalid('it has no "info" section, so it does not describe any files.');

  const pieces = asBytes(info.get('pieces'));
  if (!pieces || pieces.length === 0 || pieces.length % 20 !== 0)
    throw invalid('its list of pieces is missing or broken.');
  const name = asText(info.get('name.utf-8')) ?? asText(info.get('name'));
  if (name === undefined || name === '') throw invalid('it has no name.');
  const pieceLength = asInt(info.get('piece length'));
  if (
    pieceLength === undefined ||
    pieceLength < MIN_PIECE ||
    pieceLength > MAX_PIECE ||
    (pieceLength & (pieceLength - 1)) !== 0
  ) {
    throw invalid('its piece size is not a power of two between 16 KiB and 64 MiB.');
  }
  checkSegment(name, rules);

  const files: ParsedTorrent['files'] = [];
  const list = info.get('files');
  if (list !== undefined) {
    if (!Array.isArray(list) || list.length === 0) throw invalid('its list of files is broken.');
    if (list.length > MAX_FILES) throw invalid('it lists more than 100,000 files.');
    list.forEach((entry, index) => {
      const file = asDict(entry);
      const length = asInt(file?.get('length'));
      if (!file || length === undefined || length < 0)
        throw invalid('a file inside it has no valid size.');
      const segments = readPath(file);
      segments.forEach((segment) => checkSegment(segment, rules));
      files.push({ index, path: [name, ...segments].join('/'), length });
    });
  } else {
    const length = asInt(info.get('length'));
    if (length === undefined || length < 0) throw invalid('it has no valid size.');
    files.push({ index: 0, path: name, length });
  }

  let length = 0;
  for (const f of files) {
    length += f.length;
    if (length > MAX_TOTAL_BYTES) throw invalid('it claims to hold more than 1 PiB of data.');
  }
  const pieceCount = pieces.length / 20;
  if (Math.ceil(length / pieceLength) !== pieceCount) {
    throw invalid('its number of pieces does not match the size of its files.');
  }

  const tiers = top.get('announce-list');
  const announceValues: BValue[] = [];
  if (Array.isArray(tiers))
    for (const tier of tiers) if (Array.isArray(tier)) announceValues.push(...tier);
  const single = top.get('announce');
  if (single !== undefined) announceValues.push(single);
  const webSeeds = top.get('url-list');
  const urlValues: BValue[] = Array.isArray(webSeeds)
    ? webSeeds
    : webSeeds === undefined
      ? []
      : [webSeeds];

  return {
    infoHash: createHash('sha1').update(bytes.subarray(infoRange[0], infoRange[1])).digest('hex'),
    name,
    files,
    pieceLength,
    pieceCount,
    length,
    announce: urlStrings(announceValues.map(asText), TRACKER_PROTOCOLS),
    urlList: urlStrings(urlValues.map(asText), WEB_SEED_PROTOCOLS),
  };
}

export function checkMagnet(uri: string): {
  infoHash: string;
  uri: string;
  trackers: string[];
  webSeeds: string[];
} {
  const parsed = parseOpenInput(uri);
  if (!parsed.ok) throw new CodedError('invalid-magnet', parsed.reason);
  if (parsed.source.kind !== 'magnet') {
    throw new CodedError('invalid-magnet', 'This is not a magnet link or an info hash.');
  }
  const magnet = parsed.source.uri;
  const infoHash = magnetInfoHash(magnet);
  if (!infoHash)
    throw new CodedError('invalid-magnet', 'The info hash in this magnet link is not valid.');
  const params = new URLSearchParams(magnet.slice(magnet.indexOf('?') + 1));
  return {
    infoHash,
    uri: magnet,
    trackers: urlStrings(params.getAll('tr'), TRACKER_PROTOCOLS),
    webSeeds: urlStrings(params.getAll('ws'), WEB_SEED_PROTOCOLS),
  };
}

/** The 20-byte SHA-1 of every piece, in order, from .torrent bytes already checked. */
export function pieceHashesOf(bytes: Uint8Array): Uint8Array {
  const info = asDict(asDict(decode(bytes).root)?.get('info'));
  const pieces = asBytes(info?.get('pieces'));
  if (!pieces) throw invalid('its list of pieces is missing or broken.');
  return pieces;
}
