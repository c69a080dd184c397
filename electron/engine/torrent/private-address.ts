// Decides whether a tracker, web seed or .torrent address points at this machine or the local
// network, which untrusted input (a magnet, a .torrent, a catalog) must never make the app contact.
// Names are checked as written and, before a fetch, by what they resolve to.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'udp:', 'ws:', 'wss:']);
/** Suffixes that only ever name hosts on a local network. */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.lan', '.home.arpa', '.internal', '.localdomain'];

/** The host a URL connects to, normalised (0x7f.1 and 2130706433 become dotted addresses). */
function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (!NETWORK_PROTOCOLS.has(parsed.protocol)) return undefined;
    // udp: and ws: keep the host as typed; re-reading it as http normalises numeric forms into
    // the dotted address the resolver would connect to
    const host = new URL(`http://${parsed.host}`).hostname.toLowerCase().replace(/\.$/, '');
    return host.startsWith('[') ? host.slice(1, -1) : host;
  } catch {
    return undefined;
  }
}

/** True when the address, as written, is this machine or the local network. */
export function isPrivateAddressUrl(url: string): boolean {
  const host = hostOf(url);
  if (host === undefined) return false;
  if (isIP(host) !== 0) return isPrivateIp(host);
  if (host === 'localhost' || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return true;
  // a single-label name ("nas", "router") is resolved on the local network, never on the internet
  return !host.includes('.');
}

/**
 * True when the address is private as written OR when its name resolves to a private address
 * (an /etc/hosts entry, a router's name, a public name pointing at 127.0.0.1). Used before the app
 * fetches anything itself. A name that does not resolve is left to the fetch, which then fails.
 */
export type Resolver = (host: string) => Promise<Array<{ address: string }>>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

export async function resolvesToPrivateAddress(
  url: string,
  resolve: Resolver = systemResolver,
): Promise<boolean> {
  if (isPrivateAddressUrl(url)) return true;
  const host = hostOf(url);
  if (host === undefined || isIP(host) !== 0) return false;
  try {
    const addresses = await resolve(host);
    return addresses.some((a) => isPrivateIp(a.address));
  } catch {
    return false;
  }
}

export function isPrivateIp(address: string): boolean {
  return isIP(address) === 6 ? isPrivateIPv6(address.toLowerCase()) : isPrivateIPv4(address);
}

function isPrivateIPv4(host: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return false;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // shared address space (carrier NAT, VPN meshes)
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking networks
    a >= 224 // multicast, reserved and broadcast
  );
}

function isPrivateIPv6(host: string): boolean {
  if (host === '::' || host === '::1') return true;
  // a dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (dotted) return isPrivateIPv4(dotted[1] ?? '');
  const mapped = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const high = parseInt(mapped[1] ?? '0', 16);
    const low = parseInt(mapped[2] ?? '0', 16);
    return isPrivateIPv4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const first = parseInt(host.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local
    (first & 0xffc0) === 0xfe80 || // link-local
    (first & 0xffc0) === 0xfec0 || // site-local (deprecated, still routed locally)
    (first & 0xff00) === 0xff00 // multicast
  );
}
