// The lab's network: one namespace per host, each joined to a hub namespace (a bridge) by a veth
// pair, with upload and download shaped by tbf on either end. Names carry the run's process id,
// so leftovers of a crashed run are found and removed. It touches only namespaces it named.
import { execFileSync } from 'node:child_process';

export interface HostSpec {
  name: string;
  /** upload cap (the host's egress), in kbit/s; 0 = none */
  upKbit: number;
  /** download cap (traffic the hub sends it), in kbit/s; 0 = none */
  downKbit: number;
}

export interface LabHost extends HostSpec {
  netns: string;
  address: string;
  /** the hub's address that traffic relayed on behalf of this host leaves from */
  alias: string;
}

export interface NetworkPlan {
  prefix: string;
  hub: { netns: string; address: string };
  hosts: LabHost[];
  /** `ip`/`tc` argument lists, in order */
  commands: string[][];
}

const NAME = /^esl([0-9a-f]{6})-/;

/** the prefix of every namespace this run creates: "esl" + its pid in hex */
export function labPrefix(pid = process.pid): string {
  return `esl${pid.toString(16).padStart(6, '0').slice(-6)}`;
}

function tbf(dev: string, kbit: number): string[] {
  // a burst of at least 10 ms of traffic and one full-sized packet keeps tbf accurate
  const burstBytes = Math.max(16 * 1024, Math.round((kbit * 1000) / 8 / 100));
  return [
    'qdisc',
    'add',
    'dev',
    dev,
    'root',
    'tbf',
    'rate',
    `${kbit}kbit`,
    'burst',
    String(burstBytes),
    'latency',
    '200ms',
  ];
}

/** Plans the namespaces, links, addresses and shaping for `hosts` (pure, so it can be tested). */
export function planNetwork(hosts: HostSpec[], pid = process.pid): NetworkPlan {
  const prefix = labPrefix(pid);
  const net = `10.${200 + (pid % 50)}`;
  const hub = { netns: `${prefix}-hub`, address: `${net}.0.1` };
  const commands: string[][] = [
    ['ip', 'netns', 'add', hub.netns],
    ['ip', '-n', hub.netns, 'link', 'set', 'lo', 'up'],
    ['ip', '-n', hub.netns, 'link', 'add', 'br0', 'type', 'bridge'],
    ['ip', '-n', hub.netns, 'addr', 'add', `${hub.address}/16`, 'dev', 'br0'],
    ['ip', '-n', hub.netns, 'link', 'set', 'br0', 'up'],
  ];
  const planned = hosts.map((spec, i): LabHost => {
    const netns = `${prefix}-${spec.name}`;
    const address = `${net}.0.${10 + i}`;
    const alias = `${net}.1.${10 + i}`;
    const hostEnd = `${prefix}h${i}`;
    const hubEnd = `${prefix}b${i}`;
    commands.push(
      ['ip', 'netns', 'add', netns],
      ['ip', '-n', netns, 'link', 'set', 'lo', 'up'],
      ['ip', 'link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', hubEnd],
      ['ip', 'link', 'set', hostEnd, 'netns', netns],
      ['ip', 'link', 'set', hubEnd, 'netns', hub.netns],
      ['ip', '-n', netns, 'addr', 'add', `${address}/16`, 'dev', hostEnd],
      ['ip', '-n', netns, 'link', 'set', hostEnd, 'up'],
      ['ip', '-n', hub.netns, 'link', 'set', hubEnd, 'master', 'br0'],
      ['ip', '-n', hub.netns, 'link', 'set', hubEnd, 'up'],
      ['ip', '-n', hub.netns, 'addr', 'add', `${alias}/16`, 'dev', 'br0'],
    );
    if (spec.upKbit > 0) commands.push(['tc', '-n', netns, ...tbf(hostEnd, spec.upKbit)]);
    if (spec.downKbit > 0) commands.push(['tc', '-n', hub.netns, ...tbf(hubEnd, spec.downKbit)]);
    return { ...spec, netns, address, alias };
  });
  return { prefix, hub, hosts: planned, commands };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The namespaces to remove: this run's own, and those of lab runs whose process is gone.
 * `alive` is injectable so the choice can be tested without touching the system.
 */
export function namespacesToRemove(
  existing: string[],
  ownPrefix: string,
  alive: (pid: number) => boolean = isAlive,
): string[] {
  return existing.filter((name) => {
    const match = NAME.exec(name);
    if (!match) return false;
    if (name.startsWith(`${ownPrefix}-`)) return true;
    return !alive(Number.parseInt(match[1]!, 16));
  });
}

export function listNamespaces(): string[] {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

/** Kills what still runs in each namespace, then deletes it. Never throws. */
export function removeNamespaces(names: string[]): void {
  for (const name of names) {
    try {
      const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
      for (const pid of pids) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    } catch {
      // no such namespace any more
    }
  }
  for (const name of names) {
    try {
      execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    } catch {
      // already removed
    }
  }
}

/** Removes this run's namespaces and any a crashed earlier run left behind. */
export function cleanupLab(prefix = labPrefix()): string[] {
  let names: string[] = [];
  try {
    names = namespacesToRemove(listNamespaces(), prefix);
  } catch {
    return [];
  }
  removeNamespaces(names);
  return names;
}

/** Builds the planned network; on any failure it removes what it made and rethrows. */
export function applyNetwork(plan: NetworkPlan): void {
  try {
    for (const [cmd, ...args] of plan.commands) {
      execFileSync(cmd!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    }
  } catch (err) {
    cleanupLab(plan.prefix);
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not build the lab network: ${stderr || String(err)}`);
  }
}
