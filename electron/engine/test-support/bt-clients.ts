// Independent BitTorrent clients from Debian (aria2, Transmission, qBittorrent) as seeders or
// downloaders on loopback, with DHT, local discovery and peer exchange off. Each runs with its
// own configuration in a temp folder, and every process is killed on stop() and on exit.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export type ClientKind = 'aria2' | 'transmission' | 'qbittorrent';
export const CLIENT_TOOLS: Record<ClientKind, string> = {
  aria2: 'aria2c',
  transmission: 'transmission-cli',
  qbittorrent: 'qbittorrent-nox',
};

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((p) => p.kill('SIGKILL')));

export function hasTool(tool: string): boolean {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningClient {
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `kind` on `torrentPath`: as a seeder, `dir` holds the complete file; as a downloader,
 * the file goes into `dir`. `home` is a fresh folder for the client's own configuration.
 */
export async function startClient(
  kind: ClientKind,
  role: 'seed' | 'download',
  opts: {
    torrentPath: string;
    dir: string;
    home: string;
    /** run inside this namespace (see net-namespace.ts): `ip netns exec` then execs the client */
    exec?: string[];
  },
): Promise<RunningClient> {
  await mkdir(opts.home, { recursive: true });
  const port = await freePort();
  const args = await argsFor(kind, role, { ...opts, port });
  // the clients' own logs are noise here; failures show as missing or wrong bytes
  const [command = CLIENT_TOOLS[kind], ...prefix] = [...(opts.exec ?? []), CLIENT_TOOLS[kind]];
  const child = spawn(command, [...prefix, ...args], { stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { process: child, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function argsFor(
  kind: ClientKind,
  role: 'seed' | 'download',
  o: { torrentPath: string; dir: string; home: string; port: number },
): Promise<string[]> {
  if (kind === 'aria2') {
    // aria2 speaks TCP only (no uTP)
    return [
      '-d',
      o.dir,
      ...(role === 'seed' ? ['--check-integrity=true', '--seed-ratio=0.0'] : ['--seed-time=0']),
      '--enable-dht=false',
      '--enable-dht6=false',
      '--bt-enable-lpd=false',
      '--enable-peer-exchange=false',
      `--listen-port=${o.port}`,
      '--bt-require-crypto=false',
      '--follow-torrent=false',
      '--console-log-level=error',
      '--summary-interval=0',
      o.torrentPath,
    ];
  }
  if (kind === 'transmission') {
    // encryption tolerated, not required; uTP on, as Transmission ships
    await writeFile(
      join(o.home, 'settings.json'),
      JSON.stringify({
        'dht-enabled': false,
        'lpd-enabled': false,
        'pex-enabled': false,
        'utp-enabled': true,
        encryption: 0,
      }),
    );
    return ['-g', o.home, '-w', o.dir, '-p', String(o.port), '-M', '-et', o.torrentPath];
  }
  // qBittorrent: the legal notice accepted and the Web UI on a loopback port of its own
  const config = join(o.home, 'qBittorrent', 'config');
  await mkdir(config, { recursive: true });
  const webUiPort = await freePort();
  await writeFile(
    join(config, 'qBittorrent.conf'),
    [
      '[LegalNotice]',
      'Accepted=true',
      '[BitTorrent]',
      'Session\\DHTEnabled=false',
      'Session\\LSDEnabled=false',
      'Session\\PeXEnabled=false',
      'Session\\Encryption=0',
      `Session\\Port=${o.port}`,
      // every peer here shares 127.0.0.1: the test tracker hands qBittorrent its own address,
      // libtorrent bans it on the self-connection and, one peer per address by default, that ban
      // would refuse every other loopback peer too
      'Session\\MultiConnectionsPerIp=true',
      // loopback only: no listening on other interfaces, no router mapping, no look-ups
      'Session\\Interface=lo',
      'Session\\InterfaceName=lo',
      '[Preferences]',
      'Connection\\UPnP=false',
      'Connection\\ResolvePeerCountries=false',
      'WebUI\\Address=127.0.0.1',
      `WebUI\\Port=${webUiPort}`,
      '',
    ].join('\n'),
  );
  return [
    `--profile=${o.home}`,
    `--webui-port=${webUiPort}`,
    `--torrenting-port=${o.port}`,
    `--save-path=${o.dir}`,
    ...(role === 'seed' ? ['--skip-hash-check'] : []),
    o.torrentPath,
  ];
}
