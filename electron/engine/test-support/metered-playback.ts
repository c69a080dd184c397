// Playback of an in-memory film from its start, offered by metered seeders (answering only when
// the test says so) to a real torrent client on loopback: for the request-scheduling tests.
import { randomBytes } from 'node:crypto';
import { freePort } from './bt-clients.js';
import { torrentOf, loopbackClient } from './metered-torrent.js';
import { connectMeteredSeeder, type MeteredSeeder } from './metered-seeder.js';
import { PlaybackPriority } from '../torrent/playback-priority.js';
import type { TorrentClient } from '../torrent/torrent-client.js';

export interface MeteredPlayback {
  client: TorrentClient;
  managed: ReturnType<TorrentClient['add']>;
  priority: PlaybackPriority;
  peers: MeteredSeeder[];
}

/** A `megabytes` film of `pieceLength` pieces, played from its start; one peer per name, each
 * interested (not yet unchoked). */
export async function playingFromMeteredSeeders(
  dir: string,
  megabytes: number,
  pieceLength: number,
  names: string[],
): Promise<MeteredPlayback> {
  const data = randomBytes(megabytes * 1024 * 1024);
  const torrent = torrentOf(data, `${names.join('-')}.webm`, pieceLength);
  const torrentPort = await freePort();
  const client = loopbackClient(torrentPort);
  const managed = client.add({ kind: 'torrent', ...torrent }, dir);
  await new Promise((resolve) => managed.once('ready', resolve));
  const file = managed.torrent.files[0];
  if (!file) throw new Error('the torrent has no file');
  const priority = new PlaybackPriority(managed.torrent, file, 30);
  priority.start(0, 60);
  const peers = names.map((name) =>
    connectMeteredSeeder(torrentPort, torrent.infoHash, data, pieceLength, name),
  );
  await Promise.all(peers.map((peer) => peer.interested));
  return { client, managed, priority, peers };
}
