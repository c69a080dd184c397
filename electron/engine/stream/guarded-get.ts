// An http(s) GET for what the engine fetches on a list's behalf (direct channels' playlists and
// segments, programme guides): every hop of a redirect is checked against the local-network rule
// and pinned to the address checked, with a deadline. It never reads a body beyond its cap.
import type { IncomingMessage } from 'node:http';
import { CodedError } from '../../../shared/errors.js';
import { pinnedGet } from '../torrent/pinned-get.js';
import type { Resolver } from '../torrent/private-address.js';

export interface GuardedGetOptions {
  allowPrivate: boolean;
  /** the whole exchange, body included, ends after this */
  timeoutMs: number;
  headers?: Record<string, string>;
  resolve?: Resolver;
}

/** Why a fetch failed, as a code the window words and plain English for the log. */
export class FetchRefused extends Error {
  constructor(
    readonly reason: 'refused-address' | 'unreachable' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

const MAX_REDIRECTS = 5;

export interface GuardedResponse {
  response: IncomingMessage;
  /** where the answer came from after redirects: relative links resolve against it */
  finalUrl: URL;
  /** ends the exchange (and its deadline) */
  done(): void;
}

export async function guardedGet(
  address: string,
  opts: GuardedGetOptions,
): Promise<GuardedResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  timer.unref();
  const done = (): void => {
    clearTimeout(timer);
    controller.abort();
  };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    done();
    throw new FetchRefused('unreachable', 'the address is not a link');
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      done();
      throw new FetchRefused('unreachable', 'the address is not an http or https link');
    }
    let response: IncomingMessage;
    try {
      response = await pinnedGet(url, {
        allowPrivate: opts.allowPrivate,
        signal: controller.signal,
        headers: { accept: '*/*', ...opts.headers },
        ...(opts.resolve ? { resolve: opts.resolve } : {}),
      });
    } catch (err) {
      done();
      if (err instanceof CodedError && /private network/.test(err.message)) {
        throw new FetchRefused(
          'refused-address',
          'the address is on this computer or the local network, which is not allowed',
        );
      }
      throw new FetchRefused(
        'unreachable',
        controller.signal.aborted
          ? 'the server did not answer in time'
          : 'the server could not be reached',
      );
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      response.resume();
      if (hop >= MAX_REDIRECTS) {
        done();
        throw new FetchRefused('unreachable', 'the server sent too many redirects');
      }
      try {
        url = new URL(location, url);
      } catch {
        done();
        throw new FetchRefused('unreachable', 'the server sent a broken redirect');
      }
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      done();
      throw new FetchRefused('unreachable', `the server answered with error ${status}`);
    }
    // an aborted deadline mid-body surfaces as an error on the response
    response.once('error', () => undefined);
    return { response, finalUrl: url, done };
  }
}

/** Reads a whole (small) body, refusing one larger than `maxBytes` whatever it declared. */
export async function readBody(got: GuardedResponse, maxBytes: number): Promise<Buffer> {
  const declared = Number(got.response.headers['content-length'] ?? '0');
  if (declared > maxBytes) {
    got.done();
    throw new FetchRefused('too-large', 'the answer is too large');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of got.response) {
      const bytes = chunk as Buffer;
      total += bytes.length;
      if (total > maxBytes) throw new FetchRefused('too-large', 'the answer is too large');
      chunks.push(bytes);
    }
  } catch (err) {
    if (err instanceof FetchRefused) throw err;
    throw new FetchRefused('unreachable', 'the download was interrupted or took too long');
  } finally {
    got.done();
  }
  return Buffer.concat(chunks, total);
}

/** GET as text (UTF-8), capped: for playlists and guides. */
export async function guardedText(
  address: string,
  opts: GuardedGetOptions & { maxBytes: number },
): Promise<{ text: string; finalUrl: URL }> {
  const got = await guardedGet(address, opts);
  const body = await readBody(got, opts.maxBytes);
  return { text: body.toString('utf8'), finalUrl: got.finalUrl };
}
