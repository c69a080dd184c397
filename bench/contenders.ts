// The programs the benchmark compares on the same swarm: this engine, and webtorrent's own
// default HTTP server (the bare minimum our scheduling must beat). Each start is cold.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebTorrent from 'webtorrent';
import { createEngine } from '../electron/engine/engine.js';
import type { PlaybackSession } from '../shared/domain.js';

export interface StartedStream {
  /** the URL a <video> element can play */
  url: string;
  /** resident memory of this process when the stream URL was handed over */
  stop(): Promise<void>;
}

export interface Contender {
  name: string;
  /** Adds the torrent (its bytes are known) and returns a playable URL, timed from the call. */
  start(torrentBytes: Buffer): Promise<StartedStream>;
}

async function freshDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export const essaimEngine: Contender = {
  name: 'essaim',
  async start(torrentBytes) {
    const dataDir = await freshDir('essaim-bench-');
    const engine = await createEngine({
      dataDir,
      builtInCatalogPath: null,
      allowPrivateAddresses: true,
      dht: false,
      lsd: false,
    });
    const item = await engine.handlers['library:add']({
      source: { kind: 'file', name: 'bench.torrent', base64: torrentBytes.toString('base64') },
    });
    const ready = new Promise<PlaybackSession>((resolve) => {
      const off = engine.on('session', (session) => {
        if (session.streamUrl) {
          off();
          resolve(session);
        }
      });
    });
    const first = await engine.handlers['playback:start']({ itemId: item.id });
    const session = first.streamUrl ? first : await ready;
    return {
      url: session.streamUrl ?? '',
      async stop() {
        await engine.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const webtorrentDefaultServer: Contender = {
  name: 'webtorrent-default-server',
  async start(torrentBytes) {
    const dir = await freshDir('wt-bench-');
    const client = new WebTorrent({ dht: false, lsd: false, utp: true });
    const server = client.createServer({});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const torrent = client.add(torrentBytes, { path: dir });
    await new Promise<void>((resolve) => torrent.once('metadata', () => resolve()));
    const file = torrent.files.reduce((a, b) => (b.length > a.length ? b : a));
    const url = `http://127.0.0.1:${server.address().port}/webtorrent/${torrent.infoHash}/${encodeURIComponent(file.path)}`;
    return {
      url,
      async stop() {
        server.close();
        await new Promise<void>((resolve) => client.destroy(() => resolve()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};
