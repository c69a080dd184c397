// A tracker may list the engine among the peers it returns to the engine (the test tracker does,
// like many): the connection to itself is dropped at the handshake (patches/webtorrent+*.patch),
// not kept as two useless wires that take connection slots.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { freePort } from '../test-support/bt-clients.js';
import { TorrentClient } from './torrent-client.js';

let dir: string | undefined;
let client: TorrentClient | undefined;

afterEach(async () => {
  await client?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('drops a connection to itself at the handshake', async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-self-'));
  const torrentPort = await freePort();
  client = new TorrentClient({
    dht: false,
    lsd: false,
    allowPrivateAddresses: true,
    torrentPort,
    maxConns: 20,
    downloadLimit: 0,
    uploadLimit: 0,
    log: () => {},
  });
  const infoHash = randomBytes(20).toString('hex');
  const managed = client.add({ kind: 'magnet', infoHash, trackers: [], webSeeds: [] }, dir);
  const { torrent } = managed;
  if (!torrent.infoHash) await new Promise((resolve) => torrent.once('infoHash', resolve));
  let wires = 0;
  torrent.on('wire', () => wires++);
  // webtorrent skips 127.0.0.1 at its own port, but not this client's other addresses (here
  // another loopback address; elsewhere the public address a tracker saw)
  torrent.addPeer(`127.0.0.2:${torrentPort}`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(wires, 'wires to itself').toBe(0);
}, 10_000);
