// One http(s) GET that connects to the very address that was checked: the name is resolved once,
// every address it gives is checked, and the connection is pinned to the first one. A name cannot
// pass the check with a public address and then be connected to a private one (DNS rebinding).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { CodedError } from '../../../shared/errors.js';
import {
  isPrivateAddressUrl,
  isPrivateIp,
  systemResolver,
  type Resolver,
} from './private-address.js';

export interface PinnedGetOptions {
  allowPrivate: boolean;
  signal: AbortSignal;
  /** tests answer for names the closed network cannot resolve */
  resolve?: Resolver;
  /** extra request headers (a live segment's Range) */
  headers?: Record<string, string>;
}

const PRIVATE_REFUSED = 'This link points at a private network address, which is not allowed.';
const UNREACHABLE =
  'The .torrent file could not be downloaded. Check the link and your connection.';

/** The address to connect to, checked; throws a CodedError when it is refused or unknown. */
async function checkedAddress(url: URL, opts: PinnedGetOptions): Promise<string> {
  if (!opts.allowPrivate && isPrivateAddressUrl(url.toString())) {
    throw new CodedError('network', PRIVATE_REFUSED);
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0) return host;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await (opts.resolve ?? systemResolver)(host);
  } catch {
    throw new CodedError('network', UNREACHABLE);
  }
  const first = addresses[0]?.address;
  if (first === undefined) throw new CodedError('network', UNREACHABLE);
  if (!opts.allowPrivate && addresses.some((a) => isPrivateIp(a.address))) {
    throw new CodedError('network', PRIVATE_REFUSED);
  }
  return first;
}

/** Answers every lookup the socket makes with the checked address, never asking DNS again. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    // with autoSelectFamily the socket asks for every address at once
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(
        null,
        [{ address, family }],
      );
    } else {
      callback(null, address, family);
    }
  };
}

/** GETs `url` (http or https) at its checked address; the name still goes in Host and TLS. */
export async function pinnedGet(url: URL, opts: PinnedGetOptions): Promise<IncomingMessage> {
  const address = await checkedAddress(url, opts);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(url, {
      method: 'GET',
      lookup: pinnedLookup(address),
      // a fresh connection: a pooled socket is keyed by name and would skip the pinned lookup
      agent: false,
      signal: opts.signal,
      headers: { accept: 'application/x-bittorrent, */*', ...opts.headers },
    });
    req.once('response', resolve);
    req.once('error', () => reject(new CodedError('network', UNREACHABLE)));
    req.end();
  });
}
