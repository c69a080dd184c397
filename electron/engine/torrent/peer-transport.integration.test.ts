// How the torrent client reaches peers: one that speaks only TCP is reached over TCP at once, not
// after the uTP retries (patches/webtorrent+*.patch); one that speaks only uTP is still reached;
// peers coming in over TCP and over uTP are both answered.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  handshakeWith,
  listenOnBoth,
  listenOnly,
  type BareListener,
  type TwoTransportListener,
} from '../test-support/bare-peer.js';
import { TorrentClient, type ManagedTorrent } from './torrent-client.js';

// webtorrent gives up on uTP and tries TCP only after 5 s x 4 attempts plus 21 s of waits
const UTP_RETRIES_BEFORE_TCP_MS = 41_000;

const clientOptions = {
  dht: false,
  lsd: false,
  allowPrivateAddresses: true,
  maxConns: 20,
  downloadLimit: 0,
  uploadLimit: 0,
  log: () => {},
};

let dir: string;
let client: TorrentClient;
let torrentPort: number;
const listeners: Array<BareListener | TwoTransportListener> = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function addTorrent(): Promise<ManagedTorrent> {
  const infoHash = randomBytes(20).toString('hex');
  const managed = client.add({ kind: 'magnet', infoHash, trackers: [], webSeeds: [] }, dir);
  if (!managed.torrent.infoHash) {
    await new Promise((resolve) => managed.torrent.once('infoHash', resolve));
  }
  return managed;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-transport-'));
  torrentPort = await freePort();
  client = new TorrentClient({ ...clientOptions, torrentPort });
});

afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
  await client.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe('reaching peers over TCP and uTP', () => {
  it('reaches a peer that accepts TCP but not uTP without waiting for the uTP retries', async () => {
    const peer = await listenOnly('tcp');
    listeners.push(peer);
    const managed = await addTorrent();
    const started = performance.now();
    managed.torrent.addPeer(`127.0.0.1:${peer.port}`);
    const at = await Promise.race([
      peer.firstContact,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), UTP_RETRIES_BEFORE_TCP_MS / 2),
      ),
    ]);
    const ms = at === undefined ? 'never' : `${(at - started).toFixed(0)} ms`;
    console.log(`[measure] a TCP-only peer was spoken to over TCP after ${ms}`);
    expect(at, 'reached over TCP before half the time the uTP retries take').toBeDefined();
  }, 40_000);

  it('closes a TCP connection that won the race with uTP cleanly, also one opened before listening', async () => {
    const peer = await listenOnly('tcp');
    listeners.push(peer);
    // a fresh client: until it listens, uTP attempts use one-off sockets, which close their
    // own UDP handle on 'close' (that listener must stay with them, not move to the TCP socket)
    await client.destroy();
    client = new TorrentClient({
      ...clientOptions,
      torrentPort: await freePort(),
      firstTransport: 'utp', // the race only happens when uTP goes first
    });
    const managed = await addTorrent();
    managed.torrent.addPeer(`127.0.0.1:${peer.port}`);
    const errors: unknown[] = [];
    const onError = (err: unknown) => errors.push(err);
    process.on('uncaughtException', onError);
    try {
      await peer.firstContact;
      await peer.close(); // the peer hangs up: the engine's TCP socket closes
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors.map(String), 'errors thrown when the connection closed').toEqual([]);
  });

  it('dials a peer over TCP first, with the plain handshake (no encryption handshake)', async () => {
    const peer = await listenOnBoth();
    listeners.push(peer);
    const managed = await addTorrent();
    managed.torrent.addPeer(`127.0.0.1:${peer.port}`);
    const contact = await peer.firstContact;
    expect(contact.transport, 'the transport of the first connection').toBe('tcp');
    expect(contact.infoHash, 'the info hash in a plain handshake').toBe(managed.infoHash);
  });

  it('reaches a peer that accepts uTP but not TCP', async () => {
    const peer = await listenOnly('utp');
    listeners.push(peer);
    const managed = await addTorrent();
    const started = performance.now();
    managed.torrent.addPeer(`127.0.0.1:${peer.port}`);
    const at = await peer.firstContact;
    console.log(
      `[measure] a uTP-only peer was spoken to over uTP after ${(at - started).toFixed(0)} ms`,
    );
  });

  it('answers peers that connect over TCP and over uTP', async () => {
    const managed = await addTorrent();
    expect(await handshakeWith('tcp', torrentPort, managed.infoHash)).toBe(managed.infoHash);
    expect(await handshakeWith('utp', torrentPort, managed.infoHash)).toBe(managed.infoHash);
  });
});
