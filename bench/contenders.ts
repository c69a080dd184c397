// The programs the benchmark compares on the same swarm: this engine, and webtorrent's own
// default HTTP server (the bare minimum our scheduling must beat). The program is started
// untimed (the app is already open); the clock runs from "play" on a title whose .torrent is known.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebTorrent from 'webtorrent';
import { createLoopbackEngine } from '../electron/engine/test-support/loopback-engine.js';
import type { PlaybackSession } from '../shared/domain.js';

export interface Player {
  /** Adds the torrent and returns a URL a <video> element can play. This is what is timed. */
  play(torrentBytes: Buffer): Promise<string>;
  close(): Promise<void>;
}

export interface Contender {
  name: string;
  /** A cold program with an empty data folder, untimed. */
  launch(): Promise<Player>;
}

export const essaimEngine: Contender = {
  name: 'essaim',
  async launch() {
    const dataDir = await mkdtemp(join(tmpdir(), 'essaim-bench-'));
    const engine = await createLoopbackEngine(dataDir);
    return {
      async play(torrentBytes) {
        const item = await engine.handlers['library:add']({
          source: { kind: 'file', name: 'bench.torrent', base64: torrentBytes.toString('base64') },
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
  name: 'webtorrent-default-server',
  async launch() {
    const dir = await mkdtemp(join(tmpdir(), 'wt-bench-'));
    const client = new WebTorrent({ dht: false, lsd: false, utp: true });
    const server = client.createServer({});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      async play(torrentBytes) {
        const torrent = client.add(torrentBytes, { path: dir });
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
