// Engine switches taken from environment variables, for test and lab runs whose swarm lives on
// loopback. Off unless set to "1"; never turns anything on from a mere presence or other value.
import type { EngineOptions } from '../engine/engine-api.js';
import { parseDhtNodes } from '../engine/torrent/dht-nodes.js';

export type EnvironmentSwitches = Pick<
  EngineOptions,
  | 'allowPrivateAddresses'
  | 'dht'
  | 'lsd'
  | 'builtInCatalogPath'
  | 'internetArchiveUrl'
  | 'dhtBootstrap'
>;

export function engineSwitchesFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): EnvironmentSwitches {
  const on = (name: string): boolean => env[name] === '1';
  const switches: EnvironmentSwitches = {};
  // Trackers, peers and web seeds on private addresses are refused by default (untrusted input).
  if (on('ESSAIM_ALLOW_PRIVATE_ADDRESSES')) switches.allowPrivateAddresses = true;
  if (on('ESSAIM_NO_DHT')) {
    switches.dht = false;
    switches.lsd = false;
  }
  if (on('ESSAIM_NO_BUILTIN_CATALOG')) switches.builtInCatalogPath = null;
  // a recorded Internet Archive answer served on loopback; only a plain http(s) origin is taken
  const archive = env['ESSAIM_INTERNET_ARCHIVE_URL'];
  if (archive !== undefined && /^https?:\/\/[^/?#\s]+\/?$/i.test(archive)) {
    switches.internetArchiveUrl = archive.replace(/\/$/, '');
  }
  // a private DHT (tests, a lab): its nodes instead of the public ones; an invalid list is ignored
  const dhtNodes = parseDhtNodes(env.ESSAIM_DHT_BOOTSTRAP ?? '');
  if (dhtNodes) switches.dhtBootstrap = dhtNodes;
  return switches;
}
