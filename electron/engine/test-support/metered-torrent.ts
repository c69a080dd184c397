// What the request-scheduling tests share: a single-file torrent made in memory from given bytes,
// a torrent client on loopback with no discovery, and a poll for a condition with a deadline.
import { createHash } from 'node:crypto';
import bencode from 'bencode';
import { TorrentClient } from '../torrent/torrent-client.js';

/** The .torrent of `data` as one file called `name`, and its info hash. */
export function torrentOf(
  data: Buffer,
  name: string,
  pieceLength: number,
): { infoHash: string; bytes: Uint8Array } {
  const hashes: Buffer[] = [];
  for (let at = 0; at < data.length; at += pieceLength) {
    hashes.push(
      createHash('sha1')
        .update(data.subarray(at, at + pieceLength))
        .digest(),
    );
  }
  const info = {
    length: data.length,
    name,
    'piece length': pieceLength,
    pieces: Buffer.concat(hashes),
  };
  const infoHash = createHash('sha1').update(bencode.encode(info)).digest('hex');
  return { infoHash, bytes: bencode.encode({ info }) };
}

/** A client that finds peers only when they dial it (no DHT, no local discovery). */
export function loopbackClient(torrentPort: number): TorrentClient {
  return new TorrentClient({
    dht: false,
    lsd: false,
    allowPrivateAddresses: true,
    torrentPort,
    maxConns: 20,
    downloadLimit: 0,
    uploadLimit: 0,
    log: () => {},
  });
}

/** Resolves once `check` holds; fails the test with `what` after 10 s. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
