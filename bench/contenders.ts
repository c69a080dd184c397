// The two contenders that run as library code in a process of their own (player-child.ts): this
// engine, as headless mode runs it, and webtorrent's own default HTTP server (the bare minimum our
// scheduling must beat). The program is started untimed (the app is already open); the clock runs
// from "play" on a .torrent or a magnet link.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebTorrent from 'webtorrent';
import { createLoopbackEngine } from '../electron/engine/test-support/loopback-engine.js';
import type { PlaybackSession } from '../shared/domain.js';

/** a .torrent's bytes, or a magnet link */
export type TorrentInput = { torrentBase64: string } | { magnet: string };

export interface Player {
  /** Adds the torrent and returns a URL a <video> element can play. This is what is timed. */
  play(input: TorrentInput): Promise<string>;
  /** where the played file's data is written */
  readonly downloadDir: string;
  close(): Promise<void>;
}

export interface Contender {
  name: string;
  /** A cold program with an empty data folder, untimed. */
  launch(): Promise<Player>;
}

export const essaimEngine: Contender = {
  name: 'essaim-engine',
  async launch() {
    const dataDir = await mkdtemp(join(tmpdir(), 'essaim-bench-'));
    const engine = await createLoopbackEngine(dataDir);
    return {
      downloadDir: join(dataDir, 'downloads'),
      async play(input) {
        const item = await engine.handlers['library:add']({
          source:
            'magnet' in input
              ? { kind: 'magnet', uri: input.magnet }
              : { kind: 'file', name: 'bench.torrent', base64: input.torrentBase64 },
        });
        const withUrl = new Promise<PlaybackSession>((resolve) => {
          const off = engine.on('session', (session) => {
            if (session.streamUrl) {
              off();
              resolve(session);
            }
          });
        });
        const first = await engine.handlers['playback:start']({ itemId: item.id });
        return (first.streamUrl ? first : await withUrl).streamUrl ?? '';
      },
      async close() {
        await engine.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const webtorrentDefaultServer: Contender = {
  name: 'webtorrent-server',
  async launch() {
    const dir = await mkdtemp(join(tmpdir(), 'wt-bench-'));
    const client = new WebTorrent({ dht: false, lsd: false, utp: true });
    const server = client.createServer({});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      downloadDir: dir,
      async play(input) {
        const id = 'magnet' in input ? input.magnet : Buffer.from(input.torrentBase64, 'base64');
        const torrent = client.add(id, { path: dir });
        await new Promise<void>((resolve) => torrent.once('metadata', () => resolve()));
        const file = torrent.files.reduce((a, b) => (b.length > a.length ? b : a));
        return `http://127.0.0.1:${server.address().port}/webtorrent/${torrent.infoHash}/${encodeURIComponent(file.path)}`;
      },
      async close() {
        server.close();
        await new Promise<void>((resolve) => client.destroy(() => resolve()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};
