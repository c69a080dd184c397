// Every contender the lab compares, each started inside the viewer host: this engine and
// webtorrent's default server (library code in player-child.ts), webtorrent-cli and peerflix
// (from npm, installed into the temp folder), qBittorrent (sequential + first and last pieces
// first, through its WebUI API on loopback) and aria2. Nothing here decides what is measured.
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetHost } from './network.js';
import { npmToolScript } from './npm-tools.js';
import { nextMessage, onTeardown, spawnIn, spawnNodeIn, stop } from './processes.js';
import { launchQbittorrent } from './seeders.js';

/** Where peerflix keeps each torrent's metadata between runs, whatever TMPDIR says. */
const PEERFLIX_METADATA_DIR = '/tmp/torrent-stream';
const PLAYER_CHILD = fileURLToPath(new URL('../player-child.ts', import.meta.url));

export const CONTENDERS = [
  'essaim',
  'essaim-engine',
  'webtorrent-server',
  'webtorrent-cli',
  'peerflix',
  'qbittorrent',
  'aria2',
] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** Those with an HTTP stream a <video> can play; the others are measured on disk. */
export const HAS_PLAYER: Record<ContenderName, boolean> = {
  essaim: true,
  'essaim-engine': true,
  'webtorrent-server': true,
  'webtorrent-cli': true,
  peerflix: true,
  qbittorrent: false,
  aria2: false,
};

export interface TorrentRef {
  torrentPath: string;
  torrentBase64: string;
  magnet: string;
  infoHash: string;
  /** the film's file name inside the torrent */
  name: string;
  useMagnet: boolean;
}

export interface Launched {
  name: ContenderName;
  pid: number;
  /** The timed part: add the torrent. Resolves with a stream URL for player contenders. */
  start(ref: TorrentRef): Promise<string | undefined>;
  /** true when the URL is served as soon as start() resolves (else poll it until it answers) */
  urlReadyAtOnce: boolean;
  /** headless mode only: a page of its origin, opened untimed, from which it is driven */
  openPage?(page: Page): Promise<void>;
  startInPage?(page: Page, ref: TorrentRef): Promise<string>;
  /** the film's path on disk, once it exists */
  file(): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function findFile(dir: string, name: string, depth = 3): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isFile() && e.name === name) return join(dir, e.name);
  if (depth === 0) return undefined;
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const found = await findFile(join(dir, e.name), name, depth - 1);
    if (found) return found;
  }
  return undefined;
}

let nextPort = 47_000 + (process.pid % 500) * 10;

/** Runs `curl` inside the host (its WebUI listens on the host's own loopback). */
function curlIn(host: NetHost, args: string[]): Promise<string> {
  const child = spawnIn(host.netns, 'curl', ['-s', '-f', '--max-time', '10', ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`curl ${code}`)))),
  );
}

async function tracked(child: ChildProcess, dir: string): Promise<() => Promise<void>> {
  const close = async (): Promise<void> => {
    await stop(child);
    await rm(dir, { recursive: true, force: true });
  };
  onTeardown(close);
  return close;
}

export async function launchContender(name: ContenderName, viewer: NetHost): Promise<Launched> {
  if (name === 'essaim') return (await import('./headless-contender.js')).launchHeadless(viewer);
  const dir = await mkdtemp(join(tmpdir(), `essaim-lab-${name}-`));
  let filmName = '';
  const file = () => (filmName ? findFile(dir, filmName) : Promise.resolve(undefined));

  if (name === 'essaim-engine' || name === 'webtorrent-server') {
    await rm(dir, { recursive: true, force: true });
    const child = spawnNodeIn(viewer.netns, PLAYER_CHILD, [name]);
    const ready = await nextMessage(child, 'ready');
    const downloadDir = String(ready['downloadDir']);
    return {
      name,
      pid: child.pid!,
      urlReadyAtOnce: true,
      async start(ref) {
        filmName = ref.name;
        const answer = nextMessage(child, 'url');
        child.send({
          type: 'play',
          input: ref.useMagnet ? { magnet: ref.magnet } : { torrentBase64: ref.torrentBase64 },
        });
        return String((await answer)['url']);
      },
      file: () => (filmName ? findFile(downloadDir, filmName) : Promise.resolve(undefined)),
      close: await tracked(child, dir),
    };
  }

  if (name === 'qbittorrent') {
    // the program is opened first (untimed), like the app; adding the torrent is timed
    const qbt = await launchQbittorrent(viewer, null, dir, { tcpOnly: false, seeding: false });
    const api = `http://127.0.0.1:${qbt.webUiPort}/api/v2`;
    for (let i = 0; ; i += 1) {
      if (
        await curlIn(viewer, [`${api}/app/version`]).then(
          () => true,
          () => false,
        )
      )
        break;
      if (i > 200) throw new Error('qBittorrent WebUI never answered');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      name,
      pid: qbt.child.pid!,
      urlReadyAtOnce: false,
      async start(ref) {
        filmName = ref.name;
        const what = ref.useMagnet
          ? ['-F', `urls=${ref.magnet}`]
          : ['-F', `torrents=@${ref.torrentPath}`];
        await curlIn(viewer, [
          ...what,
          '-F', `savepath=${dir}`, '-F', 'sequentialDownload=true', '-F', 'firstLastPiecePrio=true',
          `${api}/torrents/add`,
        ]); // prettier-ignore
        return undefined;
      },
      file,
      close: await tracked(qbt.child, dir),
    };
  }

  // the command-line programs start with the torrent: their clock includes starting the program
  let child: ChildProcess | undefined;
  let port = 0;
  const launched: Launched = {
    name,
    pid: 0,
    urlReadyAtOnce: false,
    async start(ref) {
      filmName = ref.name;
      const id = ref.useMagnet ? ref.magnet : ref.torrentPath;
      port = nextPort += 1;
      if (name === 'aria2') {
        child = spawnIn(viewer.netns, 'aria2c', [
          `--dir=${dir}`, '--file-allocation=none', '--seed-ratio=0.0', `--listen-port=${nextPort += 1}`,
          '--enable-dht=false', '--enable-dht6=false', '--bt-enable-lpd=false', '--enable-peer-exchange=false',
          '--console-log-level=error', '--summary-interval=0', '--bt-save-metadata=false', id,
        ], { stdio: 'ignore' }); // prettier-ignore
      } else if (name === 'webtorrent-cli') {
        child = spawnIn(viewer.netns, process.execPath, [
          await npmToolScript('webtorrent-cli'), 'download', id, '--port', String(port), '--out', dir,
          '--quiet', '--keep-seeding', '--no-quit',
        ], { stdio: 'ignore' }); // prettier-ignore
      } else {
        // peerflix keeps a torrent's metadata, without its trackers, at a fixed path under /tmp;
        // a later start by magnet would then look for peers by DHT only, so each run starts clean
        await rm(join(PEERFLIX_METADATA_DIR, `${ref.infoHash}.torrent`), { force: true });
        child = spawnIn(viewer.netns, process.execPath, [
          await npmToolScript('peerflix'), id, '--port', String(port), '--path', dir, '--quiet',
        ], { stdio: 'ignore' }); // prettier-ignore
      }
      launched.pid = child.pid!;
      launched.close = await tracked(child, dir);
      if (name === 'webtorrent-cli') {
        return `http://127.0.0.1:${port}/webtorrent/${ref.infoHash}/${encodeURIComponent(ref.name)}`;
      }
      return name === 'peerflix' ? `http://127.0.0.1:${port}/` : undefined;
    },
    file,
    close: () => rm(dir, { recursive: true, force: true }),
  };
  return launched;
}

/**
 * What starting a command-line contender costs before it does anything: the wall time of
 * `--version` inside the viewer host (Node.js and its modules loaded), median of three.
 */
export async function programStartMs(name: ContenderName, viewer: NetHost): Promise<number> {
  if (name !== 'webtorrent-cli' && name !== 'peerflix') return 0;
  const args = name === 'peerflix' ? ['--version'] : ['version'];
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = Date.now();
    const child = spawnIn(viewer.netns, process.execPath, [await npmToolScript(name), ...args], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => child.once('exit', resolve));
    times.push(Date.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}
