// Turns what the user handed over (magnet, info hash, .torrent bytes, path or URL) into a checked
// torrent source. Reads at most MAX_TORRENT_BYTES from anywhere, waits a bounded time, and never
// contacts a private address unless the engine was told to allow it (checked on the address used).
import { readFile, stat } from 'node:fs/promises';
import type { TorrentSource } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import { parseOpenInput } from '../../../shared/open-input.js';
import type { IncomingMessage } from 'node:http';
import { pinnedGet } from './pinned-get.js';
import type { Resolver } from './private-address.js';
import type { CheckedSource } from './torrent-client.js';
import {
  MAX_TORRENT_BYTES,
  checkMagnet,
  checkTorrentBytes,
  type ParsedTorrent,
} from './torrent-input.js';

export interface ReadSource {
  source: CheckedSource;
  /** known at once for .torrent input; magnets learn it from peers */
  parsed?: ParsedTorrent;
  magnetName?: string;
}

const FETCH_TIMEOUT_MS = 20_000;
/** A magnet's .torrent link is a shortcut, not a requirement: give up on it quickly. */
const XS_TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 3;

export async function readSource(input: TorrentSource, allowPrivate: boolean): Promise<ReadSource> {
  if (input.kind === 'magnet') {
    const magnet = checkMagnet(input.uri);
    const params = new URLSearchParams(magnet.uri.slice(magnet.uri.indexOf('?') + 1));
    const known = await torrentFromExactSource(params.getAll('xs'), magnet.infoHash, allowPrivate);
    if (known) return known;
    const dn = params.get('dn') ?? undefined;
    return {
      source: {
        kind: 'magnet',
        infoHash: magnet.infoHash,
        name: dn?.slice(0, 300),
        trackers: magnet.trackers,
        webSeeds: magnet.webSeeds,
      },
      magnetName: dn?.slice(0, 300),
    };
  }
  if (input.kind === 'file') {
    const bytes = Buffer.from(input.base64, 'base64');
    return fromBytes(bytes);
  }
  return fromBytes(await fetchTorrent(input.url, allowPrivate));
}

/**
 * A magnet's `xs=` link to its .torrent file: with the file, playback needs no peer to send the
 * metadata first (a magnet alone cannot start while no peer is online). Checked like any other
 * .torrent, and used only when its info hash is the magnet's; otherwise the plain magnet is used.
 */
async function torrentFromExactSource(
  links: string[],
  infoHash: string,
  allowPrivate: boolean,
): Promise<ReadSource | undefined> {
  for (const link of links.slice(0, 2)) {
    if (!/^https?:\/\//i.test(link)) continue;
    try {
      const read = fromBytes(await fetchTorrent(link, allowPrivate, XS_TIMEOUT_MS));
      if (read.parsed?.infoHash === infoHash) return read;
    } catch {
      // unreachable or not a valid .torrent: peers can still send the metadata
    }
  }
  return undefined;
}

function fromBytes(bytes: Uint8Array): ReadSource {
  const parsed = checkTorrentBytes(bytes);
  return { source: { kind: 'torrent', infoHash: parsed.infoHash, bytes }, parsed };
}

/** A command-line or OS argument: a .torrent path on disk, or what the open dialog accepts. */
export async function readArgument(argument: string, allowPrivate: boolean): Promise<ReadSource> {
  const text = argument.trim();
  const looksLikeLink =
    /^(magnet:|https?:\/\/)/i.test(text) || /^([0-9a-f]{40}|[a-z2-7]{32})$/i.test(text);
  if (!looksLikeLink) {
    const info = await stat(text).catch(() => undefined);
    if (info?.isFile()) {
      if (info.size > MAX_TORRENT_BYTES) {
        throw new CodedError(
          'invalid-torrent',
          'This file is far larger than any real .torrent file.',
        );
      }
      return fromBytes(await readFile(text));
    }
  }
  const parsed = parseOpenInput(text);
  if (!parsed.ok) throw new CodedError('invalid-input', parsed.reason);
  return readSource(parsed.source, allowPrivate);
}

/** Fetches a .torrent over http(s): size-capped, time-capped, redirects re-checked one by one. */
export async function fetchTorrent(
  url: string,
  allowPrivate: boolean,
  timeoutMs = FETCH_TIMEOUT_MS,
  resolve?: Resolver,
): Promise<Uint8Array> {
  // one deadline for the whole download, redirects and body included
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      throw new CodedError('invalid-input', 'That web address is not valid.');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new CodedError(
        'invalid-input',
        'Only http and https links to .torrent files can be opened.',
      );
    }
    // the address checked is the address connected to (pinned-get.ts)
    const res = await pinnedGet(parsed, { allowPrivate, signal, resolve });
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) {
      res.destroy();
      current = new URL(location, current).toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      res.destroy();
      throw new CodedError(
        'network',
        `The .torrent file could not be downloaded (the server answered ${status}).`,
      );
    }
    return readCapped(res);
  }
  throw new CodedError('network', 'The .torrent link redirects too many times.');
}

async function readCapped(body: IncomingMessage): Promise<Uint8Array> {
  const declared = Number(body.headers['content-length']);
  if (declared > MAX_TORRENT_BYTES) {
    body.destroy();
    throw new CodedError(
      'invalid-torrent',
      'This download is far larger than any real .torrent file.',
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > MAX_TORRENT_BYTES) {
        throw new CodedError(
          'invalid-torrent',
          'This download is far larger than any real .torrent file.',
        );
      }
      chunks.push(chunk);
    }
  } catch (err) {
    body.destroy();
    if (err instanceof CodedError) throw err;
    throw new CodedError('network', 'The .torrent download was interrupted or took too long.');
  }
  return Buffer.concat(chunks);
}
