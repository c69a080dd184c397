// Builds the SourceContext an adapter reads through: web addresses go through the guarded fetch;
// a file on this computer is read only when it is the very address the user gave for the source.
import { MAX_CATALOG_BYTES } from '../../../../shared/catalog-schema.js';
import type { Resolver } from '../../torrent/private-address.js';
import { SourceError, decodeText, isWebSource, readLocalBytes } from '../catalog-source.js';
import { guardedFetch } from './guarded-fetch.js';
import type { SourceContext } from './source-adapter.js';

export const DEFAULT_SOURCE_TIMEOUT_MS = 15_000;

export interface SourceContextOptions {
  allowPrivate: () => boolean;
  log?: (line: string) => void;
  /** the source's own address: the only local file this context may read */
  ownAddress?: string;
  timeoutMs?: number;
  resolve?: Resolver;
}

export function createSourceContext(opts: SourceContextOptions): SourceContext {
  const timeout = opts.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
  const web = async (url: string, maxBytes?: number, timeoutMs?: number) =>
    guardedFetch(url, {
      allowPrivate: opts.allowPrivate(),
      maxBytes: maxBytes ?? MAX_CATALOG_BYTES,
      timeoutMs: timeoutMs ?? timeout,
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
    });
  const local = async (address: string, maxBytes?: number): Promise<Uint8Array> => {
    // a remote catalog must never make the app read the user's files
    if (address !== opts.ownAddress) {
      throw new SourceError('it points at a file on this computer, which a source may not read');
    }
    return readLocalBytes(address, maxBytes ?? MAX_CATALOG_BYTES);
  };
  return {
    fetchText: async (url, options = {}) => {
      if (!isWebSource(url)) return decodeText(await local(url, options.maxBytes));
      return decodeText((await web(url, options.maxBytes, options.timeoutMs)).bytes);
    },
    fetchBytes: async (url, options = {}) => {
      if (!isWebSource(url)) return local(url, options.maxBytes);
      return (await web(url, options.maxBytes, options.timeoutMs)).bytes;
    },
    allowLocalNetwork: () => opts.allowPrivate(),
    log: (line) => opts.log?.(line),
  };
}
