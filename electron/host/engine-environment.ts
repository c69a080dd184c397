// Engine switches taken from environment variables, for test and lab runs whose swarm lives on
// loopback. Off unless set to "1"; never turns anything on from a mere presence or other value.
import type { EngineOptions } from '../engine/engine-api.js';

export type EnvironmentSwitches = Pick<
  EngineOptions,
  'allowPrivateAddresses' | 'dht' | 'lsd' | 'builtInCatalogPath' | 'internetArchiveUrl'
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
  return switches;
}
