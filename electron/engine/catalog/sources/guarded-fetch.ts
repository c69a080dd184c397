// One guarded GET for catalog sources and artwork: connects only to the checked address (the
// local-network rule), follows a few redirects (each checked again), caps the body while it
// streams and gives up after a timeout. Every failure is a SourceError in plain words.
import type { IncomingMessage } from 'node:http';
import { CodedError } from '../../../../shared/errors.js';
import type { Resolver } from '../../torrent/private-address.js';
import { pinnedGet } from '../../torrent/pinned-get.js';
import { SourceError, tooBig } from '../catalog-source.js';

export interface GuardedFetchOptions {
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  accept?: string;
  /** tests answer for names the closed network cannot resolve */
  resolve?: Resolver;
}

export interface FetchedBody {
  bytes: Uint8Array;
  /** the Content-Type the server gave, lower case, without parameters */
  contentType: string;
  /** where the body came from after redirects */
  finalUrl: string;
}

const MAX_REDIRECTS = 5;
export const PRIVATE_REFUSED =
  'it points at this computer or the local network, which is not allowed (see Settings, Network)';

export async function guardedFetch(url: string, opts: GuardedFetchOptions): Promise<FetchedBody> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let current = parseWebUrl(url);
  for (let hop = 0; ; hop++) {
    const response = await connect(current, opts, signal);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location !== undefined) {
      response.destroy();
      if (hop >= MAX_REDIRECTS) throw new SourceError('the server sent too many redirections');
      current = parseWebUrl(new URL(response.headers.location, current).toString());
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw new SourceError(`the server answered with error ${status}`);
    }
    const declared = Number(response.headers['content-length'] ?? '0');
    if (declared > opts.maxBytes) {
      response.destroy();
      throw tooBig(opts.maxBytes);
    }
    const bytes = await readCapped(response, opts.maxBytes, signal);
    const contentType = (response.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    return { bytes, contentType: contentType.toLowerCase(), finalUrl: current.toString() };
  }
}

function parseWebUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SourceError('the address is not a valid web address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceError('only http and https addresses can be read');
  }
  return url;
}

async function connect(url: URL, opts: GuardedFetchOptions, signal: AbortSignal) {
  try {
    return await pinnedGet(url, {
      allowPrivate: opts.allowPrivate,
      signal,
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
      headers: { accept: opts.accept ?? '*/*' },
    });
  } catch (err) {
    if (signal.aborted) throw new SourceError('the server did not answer in time');
    if (err instanceof CodedError && /private network/.test(err.message)) {
      throw new SourceError(PRIVATE_REFUSED);
    }
    throw new SourceError('the server could not be reached');
  }
}

/** Reads chunk by chunk so a server that lies about its size cannot fill the memory. */
function readCapped(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const fail = (error: SourceError): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      // rejected first: destroying the response emits its own error, which must not win
      reject(error);
      response.destroy();
    };
    const onAbort = (): void => fail(new SourceError('the download took too long'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    response.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) return fail(tooBig(maxBytes));
      chunks.push(chunk);
    });
    response.once('end', () => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks, total));
    });
    response.once('error', () => fail(new SourceError('the download was interrupted')));
    response.once('aborted', () => fail(new SourceError('the download was interrupted')));
  });
}
