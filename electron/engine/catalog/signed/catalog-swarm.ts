// What signed catalogs need from BitTorrent: the DHT pointer, the signed file's torrent fetched
// from peers and seeded back, and the pointer kept alive. One shared copy per catalog key; the
// torrents stay out of the user's library. Never trusts what it fetches: callers verify.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MutableItem } from 'webtorrent';
import type { SmallFileTorrents } from '../../torrent/small-file-torrents.js';
import { MAX_SIGNED_BYTES } from './signed-envelope.js';
import { publishPointer, putBack, resolvePointer, type CatalogPointer } from './dht-pointer.js';

/** The signed file's name inside its torrent: the same everywhere, so the same bytes give the same info hash. */
export const SIGNED_FILE_NAME = 'catalog.signed.json';
/** BEP 44 items are dropped by DHT nodes after about two hours: put them again well before. */
export const POINTER_REFRESH_MS = 30 * 60 * 1000;

export interface CatalogSwarm {
  /** false when the DHT is off: only mirrors can be read then */
  hasDht(): boolean;
  resolve(publicKey: Buffer, timeoutMs: number): Promise<CatalogPointer | undefined>;
  /** the signed file of a pointer, from peers; it keeps being seeded until `share` replaces it */
  fetch(publicKeyHex: string, pointer: CatalogPointer, timeoutMs: number): Promise<Uint8Array>;
  /**
   * Seeds the accepted copy of a key, stopping the older one; `infoHash` when it is known to be
   * in the client already (fetched from peers). Resolves with its info hash.
   */
  share(
    publicKeyHex: string,
    sequence: number,
    bytes: Uint8Array,
    infoHash?: string,
  ): Promise<string>;
  /** true once a copy of this key is being seeded in this run */
  isSharing(publicKeyHex: string): boolean;
  /** the copy of a key seeded in an earlier run, as it is on disk (to be verified again) */
  stored(publicKeyHex: string, sequence: number): Promise<Uint8Array | undefined>;
  /** drops a copy that was refused or lost the race */
  drop(publicKeyHex: string, infoHash: string): Promise<void>;
  /** the publisher's side: signs and puts the pointer now and every POINTER_REFRESH_MS */
  announce(
    publicKey: Buffer,
    sign: (data: Uint8Array) => Uint8Array,
    sequence: number,
    infoHash: string,
  ): Promise<number>;
  /** the viewer's side: puts a found pointer back now and then, so it outlives its publisher */
  keepAlive(pointer: CatalogPointer): Promise<void>;
  close(): void;
}

export function catalogSwarm(
  files: SmallFileTorrents,
  dataDir: string,
  log: (line: string) => void,
): CatalogSwarm {
  /** per key: the copy being seeded (its info hash and a hash of its bytes) */
  const shared = new Map<string, { infoHash: string; sha256: string }>();
  /** per key: what puts its pointer again (the publisher's signer, or a viewer's found item) */
  const refreshers = new Map<string, () => Promise<number>>();
  /** per key: the sequence of the item a viewer keeps alive */
  const kept = new Map<string, number>();
  const dirOf = (keyHex: string, sequence: number) => join(dataDir, keyHex, String(sequence));
  const timer = setInterval(() => {
    for (const [key, refresh] of refreshers) {
      void refresh().then((nodes) =>
        log(`catalog pointer ${key.slice(0, 8)} put again: ${nodes} node(s)`),
      );
    }
  }, POINTER_REFRESH_MS);
  timer.unref();

  const replaceShared = async (keyHex: string, infoHash: string, sha256: string) => {
    const previous = shared.get(keyHex);
    shared.set(keyHex, { infoHash, sha256 });
    if (previous && previous.infoHash !== infoHash) await files.stop(previous.infoHash, true);
  };

  return {
    hasDht: () => files.dht() !== undefined,
    async resolve(publicKey, timeoutMs) {
      const dht = files.dht();
      return dht ? resolvePointer(dht, publicKey, timeoutMs) : undefined;
    },
    async fetch(keyHex, pointer, timeoutMs) {
      return files.fetch(
        pointer.infoHash,
        dirOf(keyHex, pointer.sequence),
        MAX_SIGNED_BYTES,
        timeoutMs,
      );
    },
    async share(keyHex, sequence, bytes, infoHash) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const current = shared.get(keyHex);
      // already seeded (a refresh found the same copy, or it came from peers): seeding it again
      // would wait on an announce that already happened
      if (current?.sha256 === sha256) return current.infoHash;
      const seeded =
        infoHash !== undefined && files.has(infoHash)
          ? infoHash
          : await files.seed(bytes, SIGNED_FILE_NAME, dirOf(keyHex, sequence));
      await replaceShared(keyHex, seeded, sha256);
      return seeded;
    },
    isSharing: (keyHex) => shared.has(keyHex),
    async stored(keyHex, sequence) {
      const path = join(dirOf(keyHex, sequence), SIGNED_FILE_NAME);
      try {
        if ((await stat(path)).size > MAX_SIGNED_BYTES) return undefined;
        return new Uint8Array(await readFile(path));
      } catch {
        return undefined;
      }
    },
    async drop(keyHex, infoHash) {
      if (shared.get(keyHex)?.infoHash === infoHash) return;
      await files.stop(infoHash, true);
    },
    async announce(publicKey, sign, sequence, infoHash) {
      const dht = files.dht();
      if (!dht) return 0;
      const put = () => publishPointer(dht, publicKey, sign, sequence, infoHash);
      refreshers.set(publicKey.toString('hex'), put);
      return put();
    },
    async keepAlive(pointer) {
      const dht = files.dht();
      if (!dht) return;
      const item: MutableItem = pointer.item;
      const keyHex = Buffer.from(item.k).toString('hex');
      const known = kept.get(keyHex);
      kept.set(keyHex, item.seq);
      const put = () => putBack(dht, item);
      refreshers.set(keyHex, put);
      // a new or newer item goes out now: the DHT may have forgotten it while no one was online
      if (known === undefined || known < item.seq) await put();
    },
    close() {
      clearInterval(timer);
      refreshers.clear();
    },
  };
}
