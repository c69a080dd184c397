// Wires the 'signed' source kind to the engine's one torrent client and data folder: what the
// engine passes when it builds the adapter list. close() stops putting pointers in the DHT.
import { join } from 'node:path';
import type { TorrentClient } from '../../../torrent/torrent-client.js';
import { catalogSwarm } from '../../signed/catalog-swarm.js';
import type { SourceAdapter } from '../source-adapter.js';
import { createSignedAdapter } from './signed-adapter.js';

export interface SignedSourceKind {
  adapter: SourceAdapter;
  /** call on engine shutdown, before the torrent client is destroyed */
  close(): void;
}

/**
 * The signed adapter over the engine's torrent client (its DHT, and seeding outside the library).
 * Accepted sequence numbers go to `<dataDir>/accepted-signed-catalogs.json`, shared copies under
 * `<dataDir>/signed-catalogs/`.
 */
export function signedSourceKind(
  client: TorrentClient,
  dataDir: string,
  log: (line: string) => void,
): SignedSourceKind {
  const swarm = catalogSwarm(client.smallFiles, join(dataDir, 'signed-catalogs'), log);
  return {
    adapter: createSignedAdapter({ stateDir: dataDir, swarm }),
    close: () => swarm.close(),
  };
}
