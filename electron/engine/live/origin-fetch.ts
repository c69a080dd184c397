// Fetches a channel's manifest or a segment from its origin over HTTP: size-capped, with a
// deadline, connecting only to the checked address (no private address unless allowed). It
// reports failures as plain messages and never hangs past its timeout.
import { pinnedGet } from '../torrent/pinned-get.js';

export interface OriginFetchOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  /** fetch from this byte on (the rest of a segment peers already sent part of) */
  from?: number;
  /** told of every chunk as it arrives, for byte counting */
  onBytes?: (n: number) => void;
  /** aborts the request from outside (the segment came another way) */
  signal?: AbortSignal;
  /** takes each chunk as it arrives (then nothing is returned): a cut transfer keeps what came */
  onData?: (chunk: Buffer) => void;
}

export class OriginError extends Error {}

export async function fetchFromOrigin(url: string, opts: OriginFetchOptions): Promise<Uint8Array> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  const onOuterAbort = () => abort.abort();
  opts.signal?.addEventListener('abort', onOuterAbort);
  if (opts.signal?.aborted) abort.abort();
  try {
    const headers: Record<string, string> = {};
    if (opts.from) headers['range'] = `bytes=${opts.from}-`;
    const res = await pinnedGet(new URL(url), {
      allowPrivate: opts.allowPrivate,
      signal: abort.signal,
      headers,
    }).catch(() => {
      throw new OriginError(
        abort.signal.aborted
          ? "The channel's server did not answer in time."
          : "The channel's server cannot be reached.",
      );
    });
    const expected = opts.from ? 206 : 200;
    if (res.statusCode !== expected) {
      res.resume();
      throw new OriginError(`The channel's server answered ${res.statusCode ?? '?'}.`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > opts.maxBytes) {
        res.destroy();
        throw new OriginError("The channel's server sent more than expected.");
      }
      opts.onBytes?.(chunk.length);
      if (opts.onData) opts.onData(chunk);
      else chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (err) {
    if (err instanceof OriginError) throw err;
    throw new OriginError(
      abort.signal.aborted
        ? "The channel's server did not answer in time."
        : `The channel's server cannot be reached (${errorText(err)}).`,
    );
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
