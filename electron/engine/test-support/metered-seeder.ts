// A seeder that answers requests only when the test says so, to see how many requests a downloader
// keeps outstanding (plain BitTorrent over TCP, no extensions). Loopback only; one connection.
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const PROTOCOL = Buffer.from('\x13BitTorrent protocol', 'latin1');
const HANDSHAKE_LENGTH = 68;
const [UNCHOKE, INTERESTED, BITFIELD, REQUEST, PIECE, CANCEL] = [1, 2, 5, 6, 7, 8];

export interface MeteredSeeder {
  /** resolves when the downloader says it is interested */
  interested: Promise<void>;
  unchoke(): void;
  /** requests received and not yet answered (or cancelled) */
  outstanding(): number;
  /** the pieces those requests are for */
  outstandingPieces(): number[];
  /** how many of those requests are for blocks of `piece` */
  outstandingIn(piece: number): number;
  /** answers every outstanding request; resolves with the bytes sent */
  serveAll(): number;
  /** answers the `count` oldest outstanding requests; resolves with the bytes sent */
  serveSome(count: number): number;
  close(): void;
}

function message(id: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(payload.length + 1, 0);
  head[4] = id;
  return Buffer.concat([head, payload]);
}

/** Connects to the downloader at 127.0.0.1:`port` and offers every piece of `data`. */
export function connectMeteredSeeder(
  port: number,
  infoHash: string,
  data: Buffer,
  pieceLength: number,
  /** tells several seeders of one torrent apart (their peer ids) */
  name = '',
): MeteredSeeder {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  const pending = new Map<string, { index: number; begin: number; length: number }>();
  let onInterested: () => void = () => {};
  const interested = new Promise<void>((resolve) => {
    onInterested = resolve;
  });
  const pieces = Math.ceil(data.length / pieceLength);
  const bitfield = Buffer.alloc(Math.ceil(pieces / 8));
  for (let i = 0; i < pieces; i++) bitfield[i >> 3] = (bitfield[i >> 3] ?? 0) | (0x80 >> (i & 7));
  const peerId = Buffer.from(
    `-XX0000-${createHash('sha1')
      .update(infoHash + name)
      .digest('hex')
      .slice(0, 12)}`,
  );
  socket.write(Buffer.concat([PROTOCOL, Buffer.alloc(8), Buffer.from(infoHash, 'hex'), peerId]));
  socket.write(message(BITFIELD, bitfield));

  let buffered = Buffer.alloc(0);
  let handshaken = false;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (!handshaken) {
      if (buffered.length < HANDSHAKE_LENGTH) return;
      buffered = buffered.subarray(HANDSHAKE_LENGTH);
      handshaken = true;
    }
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32BE(0)) {
      const length = buffered.readUInt32BE(0);
      const body = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      if (length === 0) continue; // keep-alive
      const id = body[0];
      if (id === INTERESTED) onInterested();
      if (id === REQUEST || id === CANCEL) {
        const request = {
          index: body.readUInt32BE(1),
          begin: body.readUInt32BE(5),
          length: body.readUInt32BE(9),
        };
        const key = `${request.index}:${request.begin}`;
        if (id === REQUEST) pending.set(key, request);
        else pending.delete(key);
      }
    }
  });

  const serve = (count: number): number => {
    let sent = 0;
    for (const [key, { index, begin, length }] of [...pending].slice(0, count)) {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(index, 0);
      head.writeUInt32BE(begin, 4);
      const start = index * pieceLength + begin;
      socket.write(message(PIECE, Buffer.concat([head, data.subarray(start, start + length)])));
      sent += length;
      pending.delete(key);
    }
    return sent;
  };

  return {
    interested,
    unchoke: () => socket.write(message(UNCHOKE)),
    outstanding: () => pending.size,
    outstandingPieces: () => [...new Set([...pending.values()].map((r) => r.index))],
    outstandingIn: (piece: number) => [...pending.values()].filter((r) => r.index === piece).length,
    serveAll: () => serve(pending.size),
    serveSome: (count: number) => serve(count),
    close: () => socket.destroy(),
  };
}
