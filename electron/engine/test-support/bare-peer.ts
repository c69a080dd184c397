// Bare BitTorrent endpoints for transport tests: a listener on TCP or uTP only that records when
// a peer first speaks to it, and an outgoing handshake over either. Loopback only; no piece data.
import { createServer, connect as tcpConnect, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import utp from 'utp-native';

const PROTOCOL = Buffer.from('\x13BitTorrent protocol', 'latin1');
const HANDSHAKE_LENGTH = 68;

export function handshake(infoHash: string): Buffer {
  const peerId = Buffer.from('-XX0000-transporttst', 'latin1');
  return Buffer.concat([PROTOCOL, Buffer.alloc(8), Buffer.from(infoHash, 'hex'), peerId]);
}

/** Resolves with the info hash of the first handshake read from `socket`. */
export function readHandshake(socket: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      if (got.length < HANDSHAKE_LENGTH) return;
      socket.off('data', onData);
      if (!got.subarray(0, PROTOCOL.length).equals(PROTOCOL)) reject(new Error('not BitTorrent'));
      else resolve(got.subarray(28, 48).toString('hex'));
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before a handshake')));
  });
}

export interface BareListener {
  port: number;
  /** when a connection first sent bytes (a handshake, or the start of an encrypted one) */
  firstContact: Promise<number>;
  close(): Promise<void>;
}

/** A peer that listens on one transport only: the other one finds nobody at that port. */
export async function listenOnly(transport: 'tcp' | 'utp'): Promise<BareListener> {
  const sockets = new Set<Duplex>();
  let onContact: (at: number) => void = () => {};
  const firstContact = new Promise<number>((resolve) => {
    onContact = resolve;
  });
  const accept = (socket: Duplex) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('data', () => onContact(performance.now()));
  };
  const closeAll = (server: { close(cb: () => void): unknown }) =>
    new Promise<void>((resolve) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => resolve());
    });
  if (transport === 'tcp') {
    const server: Server = createServer(accept);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return { port, firstContact, close: () => closeAll(server) };
  }
  const server = utp.createServer();
  server.on('connection', accept);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, firstContact, close: () => closeAll(server) };
}

export interface TwoTransportListener {
  port: number;
  /** the transport a peer first spoke over, and what it first sent */
  firstContact: Promise<{ transport: 'tcp' | 'utp'; infoHash: string | undefined }>;
  close(): Promise<void>;
}

/** A peer that listens on TCP and uTP at the same port, as most clients do. */
export async function listenOnBoth(): Promise<TwoTransportListener> {
  const tcp = await listenOnly('tcp');
  const sockets = new Set<Duplex>();
  let onContact: (c: { transport: 'tcp' | 'utp'; infoHash: string | undefined }) => void = () => {};
  const firstContact = new Promise<{ transport: 'tcp' | 'utp'; infoHash: string | undefined }>(
    (resolve) => (onContact = resolve),
  );
  const accept = (transport: 'tcp' | 'utp') => (socket: Duplex) => {
    sockets.add(socket);
    socket.on('error', () => {});
    // a plain handshake gives its info hash; an encrypted one does not read as BitTorrent
    readHandshake(socket).then(
      (infoHash) => onContact({ transport, infoHash }),
      () => onContact({ transport, infoHash: undefined }),
    );
  };
  await tcp.close();
  const tcpServer: Server = createServer(accept('tcp'));
  await new Promise<void>((resolve) => tcpServer.listen(tcp.port, '127.0.0.1', resolve));
  const utpServer = utp.createServer();
  utpServer.on('connection', accept('utp'));
  await new Promise<void>((resolve) => utpServer.listen(tcp.port, '127.0.0.1', resolve));
  const close = (server: { close(cb: () => void): unknown }) =>
    new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    port: tcp.port,
    firstContact,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await Promise.all([close(tcpServer), close(utpServer)]);
    },
  };
}

/** Connects to `port` over one transport, sends a handshake and resolves with the reply's info hash. */
export async function handshakeWith(
  transport: 'tcp' | 'utp',
  port: number,
  infoHash: string,
): Promise<string> {
  const socket: Duplex =
    transport === 'tcp' ? tcpConnect(port, '127.0.0.1') : utp.connect(port, '127.0.0.1');
  try {
    socket.write(handshake(infoHash));
    return await readHandshake(socket);
  } finally {
    socket.destroy();
  }
}
