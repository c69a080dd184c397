// Small files shared outside the user's library (signed catalogs): seeds in-memory bytes and
// fetches a one-file torrent by info hash, under the same local-network rules as every torrent.
// Never shows up in the library, never fetches more than the size it was given.
import { mkdir } from 'node:fs/promises';
import type WebTorrent from 'webtorrent';
import type { MutableDht, Torrent, Wire } from 'webtorrent';
import type { LocalNetworkGate } from './local-network.js';
import { checkTorrentBytes } from './torrent-input.js';

export class SmallFileError extends Error {}

export class SmallFileTorrents {
  constructor(
    private readonly client: WebTorrent,
    private readonly gate: LocalNetworkGate,
    private readonly log: (message: string) => void,
  ) {}

  /** The client's DHT node for BEP 44 items, or undefined when the DHT is off. */
  dht(): MutableDht | undefined {
    return this.client.dht || undefined;
  }

  has(infoHash: string): boolean {
    return this.find(infoHash) !== undefined;
  }

  /** Seeds `bytes` as one file named `name` (its data is written under `dir`); resolves with its info hash. */
  async seed(
    bytes: Uint8Array,
    name: string,
    dir: string,
    trackers: string[] = [],
  ): Promise<string> {
    await mkdir(dir, { recursive: true });
    return new Promise<string>((resolve, reject) => {
      // announce given explicitly: without it, a list of public trackers would be added
      const torrent = this.client.seed(
        Buffer.from(bytes),
        { name, path: dir, announce: trackers },
        (seeded) => resolve(seeded.infoHash),
      );
      this.guard(torrent);
      // 'done': every piece is stored and verified, peers can be served; the seed callback
      // also waits for a DHT announce, which takes long when no DHT node answers
      torrent.once('done', () => resolve(torrent.infoHash));
      torrent.once('error', (err: unknown) => {
        // the same bytes are already in the client (being fetched or seeded): that one serves
        if (/duplicate/i.test(String(err)) && torrent.infoHash) resolve(torrent.infoHash);
        else reject(new SmallFileError(String(err)));
      });
    });
  }

  /**
   * Fetches the single file of torrent `infoHash` from peers (found through the DHT and
   * `trackers`), refusing any torrent that is not one file of at most `maxBytes`. It keeps
   * seeding afterwards; `stop` ends it.
   */
  async fetch(
    infoHash: string,
    dir: string,
    maxBytes: number,
    timeoutMs: number,
    trackers: string[] = [],
  ): Promise<Uint8Array> {
    const existing = this.find(infoHash);
    if (existing?.done && existing.files.length === 1) {
      return new Uint8Array(await existing.files[0]!.arrayBuffer());
    }
    await mkdir(dir, { recursive: true });
    const params = [
      `xt=urn:btih:${infoHash}`,
      ...trackers.map((t) => `tr=${encodeURIComponent(t)}`),
    ];
    const torrent = existing ?? this.client.add(`magnet:?${params.join('&')}`, { path: dir });
    if (!existing) this.guard(torrent);
    return new Promise<Uint8Array>((resolve, reject) => {
      const fail = (message: string) => {
        clearTimeout(timer);
        reject(new SmallFileError(message));
        if (!torrent.destroyed) torrent.destroy({ destroyStore: true });
      };
      const timer = setTimeout(
        () =>
          fail(torrent.ready ? 'no peer sent the whole file in time' : 'no peer answered in time'),
        timeoutMs,
      );
      torrent.once('metadata', () => {
        try {
          // metadata from peers is untrusted: names are checked before anything is written
          checkTorrentBytes(torrent.torrentFile);
        } catch (err) {
          return fail(`peers sent a broken torrent (${String(err)})`);
        }
        if (torrent.files.length !== 1) return fail('peers sent a torrent that is not one file');
        if (torrent.length > maxBytes) return fail('peers sent a file far too large for a catalog');
      });
      const finish = () => {
        clearTimeout(timer);
        torrent.files[0]!.arrayBuffer().then(
          (data) => resolve(new Uint8Array(data)),
          (err: unknown) => fail(`the file could not be read back (${String(err)})`),
        );
      };
      if (torrent.done) finish();
      else torrent.once('done', finish);
      torrent.once('error', (err: unknown) => {
        if (!existing && /duplicate/i.test(String(err))) {
          // the same torrent was being seeded from a stored copy meanwhile: read that one
          clearTimeout(timer);
          resolve(this.fetch(infoHash, dir, maxBytes, timeoutMs, trackers));
        } else fail(String(err));
      });
    });
  }

  /** Stops sharing a torrent (and deletes its data when asked). */
  async stop(infoHash: string, deleteData: boolean): Promise<void> {
    const torrent = this.find(infoHash);
    if (!torrent || torrent.destroyed) return;
    await new Promise<void>((resolve) =>
      torrent.destroy({ destroyStore: deleteData }, () => resolve()),
    );
  }

  private find(infoHash: string): Torrent | undefined {
    return this.client.torrents.find((t) => t.infoHash === infoHash && !t.destroyed);
  }

  private guard(torrent: Torrent): void {
    torrent.on('infoHash', () => this.gate.filter(torrent));
    torrent.on('wire', (wire: Wire) => this.gate.checkWire(wire));
    torrent.on('warning', (err: unknown) => this.log(`catalog torrent warning: ${String(err)}`));
  }
}
