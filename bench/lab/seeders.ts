// The swarm's seeders, each on a lab host of its own and capped by that host's shaped upload
// (on loopback, by the client's own limit): webtorrent, qBittorrent (TCP only), Transmission,
// aria2 (TCP only), and an HTTP web seed. They seed a copy of the film linked into their folder.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetHost } from './network.js';
import { nextMessage, onTeardown, spawnIn, spawnNodeIn, stop } from './processes.js';

export type SeederKind = 'webtorrent' | 'qbittorrent' | 'transmission' | 'aria2';

const SEEDER_CHILD = fileURLToPath(
  new URL('../../electron/engine/test-support/seeder-child.mjs', import.meta.url),
);
const WEB_SEED_CHILD = fileURLToPath(new URL('./web-seed-child.ts', import.meta.url));

export interface Seeder {
  kind: SeederKind;
  host: string;
  close(): Promise<void>;
}

/** Makes the .torrent with mktorrent (fast, native); `webSeed` adds a BEP 19 url-list. */
export async function makeTorrent(
  film: string,
  announceUrl: string,
  pieceLengthLog2: number,
  webSeed?: string,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-lab-torrent-'));
  onTeardown(() =>
    import('node:fs/promises').then((fs) => fs.rm(dir, { recursive: true, force: true })),
  );
  const out = join(dir, `${basename(film)}.torrent`);
  const args = ['-a', announceUrl, '-l', String(pieceLengthLog2), '-o', out, '-d'];
  if (webSeed) args.push('-w', webSeed);
  await new Promise<void>((resolve, reject) =>
    execFile('mktorrent', [...args, film], (err, _o, stderr) =>
      err ? reject(new Error(`mktorrent failed: ${stderr}`)) : resolve(),
    ),
  );
  return out;
}

/** A folder holding the film under its torrent name, for one seeder. */
async function seedFolder(film: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-lab-seed-'));
  onTeardown(() =>
    import('node:fs/promises').then((fs) => fs.rm(dir, { recursive: true, force: true })),
  );
  await symlink(film, join(dir, basename(film)));
  return dir;
}

let nextPort = 36_000 + (process.pid % 1000) * 10;
const freshPort = (): number => (nextPort += 1);

export function qbittorrentConfig(opts: {
  port: number;
  webUiPort: number;
  tcpOnly: boolean;
  uploadKiBps?: number;
}): string {
  return [
    '[LegalNotice]',
    'Accepted=true',
    '',
    '[BitTorrent]',
    `Session\\Port=${opts.port}`,
    'Session\\DHTEnabled=false',
    'Session\\LSDEnabled=false',
    'Session\\PeXEnabled=false',
    'Session\\QueueingSystemEnabled=false',
    'Session\\MultiConnectionsPerIp=true',
    // plain connections: not every client in the lab speaks protocol encryption
    'Session\\Encryption=2',
    `Session\\BTProtocol=${opts.tcpOnly ? 'TCP' : 'Both'}`,
    ...(opts.uploadKiBps ? [`Session\\GlobalUPSpeedLimit=${opts.uploadKiBps}`] : []),
    '',
    '[Preferences]',
    'Connection\\UPnP=false',
    'WebUI\\Address=127.0.0.1',
    `WebUI\\Port=${opts.webUiPort}`,
    'WebUI\\LocalHostAuth=false',
    'WebUI\\CSRFProtection=false',
    '',
  ].join('\n');
}

/** Starts qbittorrent-nox with a profile of its own; returns its WebUI port (loopback). */
export async function launchQbittorrent(
  host: NetHost,
  /** seeders get their torrent at launch; a contender adds it later through the WebUI API */
  torrent: string | null,
  saveDir: string,
  opts: { tcpOnly: boolean; seeding: boolean; uploadKiBps?: number },
): Promise<{ child: ReturnType<typeof spawnIn>; webUiPort: number }> {
  const profile = await mkdtemp(join(tmpdir(), 'essaim-lab-qbt-'));
  onTeardown(() =>
    import('node:fs/promises').then((fs) => fs.rm(profile, { recursive: true, force: true })),
  );
  const webUiPort = freshPort();
  const confDir = join(profile, 'qBittorrent', 'config');
  await mkdir(confDir, { recursive: true });
  await writeFile(
    join(confDir, 'qBittorrent.conf'),
    qbittorrentConfig({
      port: freshPort(),
      webUiPort,
      tcpOnly: opts.tcpOnly,
      ...(opts.uploadKiBps ? { uploadKiBps: opts.uploadKiBps } : {}),
    }),
  );
  const args = [`--profile=${profile}`, `--save-path=${saveDir}`, '--skip-dialog=true'];
  if (torrent) args.push(...(opts.seeding ? ['--skip-hash-check'] : []), torrent);
  const child = spawnIn(host.netns, 'qbittorrent-nox', args, {
    stdio: 'ignore',
    env: { ...process.env, HOME: profile },
  });
  return { child, webUiPort };
}

export async function startSeeder(
  kind: SeederKind,
  host: NetHost,
  film: string,
  torrent: string,
  loopback: boolean,
): Promise<Seeder> {
  const dir = await seedFolder(film);
  // on loopback there is no tbf: the client's own limit stands for the host's upload
  const capBytes = loopback ? Math.round((host.upKbit * 1000) / 8) : 0;
  let child;
  if (kind === 'webtorrent') {
    child = spawnNodeIn(host.netns, SEEDER_CHILD, [
      JSON.stringify({
        mode: 'leech',
        torrentPath: torrent,
        dir,
        announce: [],
        uploadLimitBytesPerSecond: capBytes,
      }),
    ]);
    await nextMessage(child, 'ready', undefined, 30 * 60_000);
  } else if (kind === 'qbittorrent') {
    child = (
      await launchQbittorrent(host, torrent, dir, {
        tcpOnly: true,
        seeding: true,
        ...(capBytes ? { uploadKiBps: Math.round(capBytes / 1024) } : {}),
      })
    ).child;
  } else if (kind === 'transmission') {
    const config = await mkdtemp(join(tmpdir(), 'essaim-lab-tr-'));
    onTeardown(() =>
      import('node:fs/promises').then((fs) => fs.rm(config, { recursive: true, force: true })),
    );
    await writeFile(
      join(config, 'settings.json'),
      JSON.stringify({
        'dht-enabled': false,
        'lpd-enabled': false,
        'pex-enabled': false,
        'port-forwarding-enabled': false,
      }),
    );
    const args = ['-w', dir, '-g', config, '-p', String(freshPort()), '-M'];
    args.push(...(capBytes ? ['-u', String(Math.round(capBytes / 1000))] : ['-U']), torrent);
    child = spawnIn(host.netns, 'transmission-cli', args, { stdio: 'ignore' });
  } else {
    child = spawnIn(
      host.netns,
      'aria2c',
      [
        `--dir=${dir}`, '--seed-ratio=0.0', '--check-integrity=true', `--listen-port=${freshPort()}`,
        '--enable-dht=false', '--enable-dht6=false', '--bt-enable-lpd=false', '--enable-peer-exchange=false',
        `--max-overall-upload-limit=${capBytes}`, '--console-log-level=error', '--summary-interval=0',
        '--bt-max-peers=0', torrent,
      ], // prettier-ignore
      { stdio: 'ignore' },
    );
  }
  const spawned = child;
  onTeardown(() => stop(spawned));
  return { kind, host: host.name, close: () => stop(spawned) };
}

/** Another viewer: a webtorrent leecher with an empty folder, until `close()`. */
export async function startLeecher(host: NetHost, torrent: string): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-lab-leech-'));
  const child = spawnNodeIn(host.netns, SEEDER_CHILD, [
    JSON.stringify({ mode: 'leech', torrentPath: torrent, dir, announce: [] }),
  ]);
  const close = async (): Promise<void> => {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  };
  onTeardown(close);
  await nextMessage(child, 'ready');
  return close;
}

/** An HTTP server for the film (BEP 19 web seed) on `host`; returns its port there. */
export async function startWebSeed(host: NetHost, film: string): Promise<number> {
  const child = spawnNodeIn(host.netns, WEB_SEED_CHILD, [
    JSON.stringify({ file: film, host: host.address }),
  ]);
  onTeardown(() => stop(child));
  return Number((await nextMessage(child, 'ready'))['port']);
}
