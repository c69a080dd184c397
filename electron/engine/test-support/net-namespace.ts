// A network namespace joined to this one by a veth pair, for peers that refuse loopback addresses
// (root only). Only addresses it creates are used; destroy() removes the namespace and the pair.
import { execFileSync } from 'node:child_process';

export interface NetNamespace {
  name: string;
  /** this side of the pair: the engine and the tracker are reached here from inside */
  hostAddress: string;
  /** the namespace's side of the pair */
  innerAddress: string;
  /** prefix that runs a command inside the namespace */
  exec: string[];
  destroy(): void;
}

const live = new Set<NetNamespace>();
process.once('exit', () => live.forEach((ns) => ns.destroy()));

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Throws with the reason when namespaces cannot be made here (not root, no `ip`). */
export function createNetNamespace(): NetNamespace {
  // one /30 per process: parallel test files (and other labs) keep apart
  const id = process.pid % 64_000;
  const name = `essaim-it-${process.pid}`;
  const [host, inner] = [`ei${id}h`, `ei${id}n`];
  const subnet = `10.231.${Math.floor(id / 64) % 256}.${(id % 64) * 4}`;
  const base = subnet.split('.').map(Number);
  const at = (n: number) => `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + n}`;
  const ns: NetNamespace = {
    name,
    hostAddress: at(1),
    innerAddress: at(2),
    exec: ['ip', 'netns', 'exec', name],
    destroy: () => {
      live.delete(ns);
      try {
        ip('netns', 'delete', name); // deleting the namespace removes both ends of the pair
      } catch {
        // already gone
      }
    },
  };
  ns.destroy(); // a namespace left by a killed run with the same pid
  try {
    ip('netns', 'add', name);
  } catch (err) {
    throw new Error(
      `A network namespace is needed here (run as root with iproute2): ${String(err)}`,
    );
  }
  live.add(ns);
  try {
    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', inner);
    ip('link', 'set', inner, 'netns', name);
    ip('addr', 'add', `${ns.hostAddress}/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('-n', name, 'addr', 'add', `${ns.innerAddress}/30`, 'dev', inner);
    ip('-n', name, 'link', 'set', inner, 'up');
    ip('-n', name, 'link', 'set', 'lo', 'up');
  } catch (err) {
    ns.destroy();
    try {
      ip('link', 'delete', host);
    } catch {
      // never made, or went with the namespace
    }
    throw err;
  }
  return ns;
}
