// The shaped network a scenario runs on: namespaces joined through a hub where the tracker and
// the delay relays live; or, where namespaces cannot be made, loopback (the seeders cap their own
// upload; figures then labelled "loopback"). Torn down by processes.teardown().
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyNetwork, cleanupLab, labPrefix, planNetwork, type HostSpec } from './netns.js';
import { ask, nextMessage, onExit, onTeardown, spawnNodeIn, stop } from './processes.js';

const HUB_CHILD = fileURLToPath(new URL('./hub-child.ts', import.meta.url));

export interface NetHost {
  name: string;
  /** null on loopback */
  netns: string | null;
  /** the address this host's programs bind and announce from */
  address: string;
  upKbit: number;
  downKbit: number;
}

export interface LabNetwork {
  mode: 'namespaces' | 'loopback';
  announceUrl: string;
  hosts: Map<string, NetHost>;
  host(name: string): NetHost;
  /** the relay address standing for `address:port` (a web seed's URL uses it) */
  relay(address: string, port: number): Promise<{ host: string; port: number }>;
  /** bytes sent through the relays by each host, by name */
  sentBy(): Promise<Record<string, number>>;
  /**
   * Forgets the peers a host announced, once its programs are closed: killed programs never
   * say "stopped", and the next contender must not find a swarm full of dead addresses.
   * (On loopback every host shares one address, so nothing is forgotten there.)
   */
  forget(name: string): Promise<void>;
  /** peers that announced a complete copy of the torrent */
  seeders(infoHash: string): Promise<number>;
  close(): Promise<void>;
}

export interface NetworkOptions {
  hosts: HostSpec[];
  rttMs: number;
  /** force loopback (also used when namespaces cannot be made) */
  loopback?: boolean;
}

function canUseNamespaces(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not running as root';
  return undefined;
}

async function startHub(netns: string | null, config: object): Promise<ChildProcess> {
  const hub = spawnNodeIn(netns, HUB_CHILD, [JSON.stringify(config)]);
  return hub;
}

export async function startNetwork(opts: NetworkOptions): Promise<LabNetwork> {
  const removed = cleanupLab(labPrefix());
  if (removed.length > 0)
    console.error(`Removed lab namespaces left by an earlier run: ${removed.join(', ')}`);
  const why = opts.loopback ? 'asked for' : canUseNamespaces();
  let mode: LabNetwork['mode'] = 'namespaces';
  let plan: ReturnType<typeof planNetwork> | undefined;
  if (why === undefined) {
    plan = planNetwork(opts.hosts);
    try {
      onTeardown(() => void cleanupLab(plan!.prefix));
      onExit(() => void cleanupLab(plan!.prefix));
      applyNetwork(plan);
    } catch (err) {
      console.error(
        `${String(err)}\nNamespaces cannot be used here: falling back to loopback; figures are labelled "loopback".`,
      );
      mode = 'loopback';
    }
  } else {
    console.error(
      `Network namespaces not used (${why}): loopback with caps; figures are labelled "loopback".`,
    );
    mode = 'loopback';
  }
  const hosts = new Map<string, NetHost>();
  for (const spec of opts.hosts) {
    const planned = plan?.hosts.find((h) => h.name === spec.name);
    hosts.set(spec.name, {
      ...spec,
      netns: mode === 'namespaces' ? planned!.netns : null,
      address: mode === 'namespaces' ? planned!.address : '127.0.0.1',
    });
  }
  const aliases: Record<string, string> = {};
  if (mode === 'namespaces') for (const h of plan!.hosts) aliases[h.address] = h.alias;
  const hub = await startHub(mode === 'namespaces' ? plan!.hub.netns : null, {
    host: mode === 'namespaces' ? plan!.hub.address : '127.0.0.1',
    delayMs: opts.rttMs / 2,
    aliases,
  });
  onTeardown(() => stop(hub));
  const ready = await nextMessage(hub, 'ready');
  const byAddress = new Map([...hosts.values()].map((h) => [h.address, h.name]));
  return {
    mode,
    announceUrl: String(ready['announceUrl']),
    hosts,
    host(name) {
      const host = hosts.get(name);
      if (!host) throw new Error(`no lab host "${name}"`);
      return host;
    },
    async relay(address, port) {
      const reply = await ask(hub, { type: 'relay', ip: address, port });
      if (reply['error']) throw new Error(String(reply['error']));
      return { host: String(reply['host']), port: Number(reply['port']) };
    },
    async sentBy() {
      const reply = await ask(hub, { type: 'stats' });
      const named: Record<string, number> = {};
      for (const [address, bytes] of Object.entries(reply['sentBy'] as Record<string, number>)) {
        const name = mode === 'namespaces' ? (byAddress.get(address) ?? address) : 'loopback';
        named[name] = (named[name] ?? 0) + bytes;
      }
      return named;
    },
    async forget(name) {
      if (mode !== 'namespaces') return;
      await ask(hub, { type: 'forget', ip: hosts.get(name)?.address ?? '' });
    },
    async seeders(infoHash) {
      const reply = await ask(hub, { type: 'stats' });
      return (reply['seeders'] as Record<string, number>)[infoHash] ?? 0;
    },
    async close() {
      await stop(hub);
      if (plan) cleanupLab(plan.prefix);
    },
  };
}
