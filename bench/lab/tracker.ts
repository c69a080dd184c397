// The lab's tracker: an HTTP BitTorrent tracker that hands out, for each peer, the address of a
// relay standing for it (so every connection between lab hosts crosses the delay). Announces
// are answered after one round trip, as a tracker on the shaped network would.
import { createServer, type Server } from 'node:http';
import { startRelay, type Relay, type RelayOptions } from './relay.js';

export interface TrackerOptions {
  host: string;
  /** one-way delay of every relay */
  delayMs: number;
  /** the hub address a relay uses when passing on traffic from a client address */
  sourceFor?: RelayOptions['sourceFor'];
}

interface Peer {
  ip: string;
  port: number;
  complete: boolean;
}

/** Percent-decodes a query value into bytes (info_hash and peer_id are binary). */
export function decodeQueryBytes(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i]!;
    if (ch === '%' && i + 2 < value.length) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch === '+' ? 0x20 : ch.charCodeAt(0));
  }
  return Buffer.from(bytes);
}

function parseQuery(url: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const part of (url.split('?')[1] ?? '').split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) query.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return query;
}

const str = (s: string | Buffer): Buffer => {
  const b = typeof s === 'string' ? Buffer.from(s) : s;
  return Buffer.concat([Buffer.from(`${b.length}:`), b]);
};

/** A bencoded compact announce reply (keys in sorted order, as bencode requires). */
export function announceReply(
  peers: Array<{ host: string; port: number }>,
  interval: number,
  complete: number,
  incomplete: number,
): Buffer {
  const compact = Buffer.alloc(peers.length * 6);
  peers.forEach((p, i) => {
    p.host.split('.').forEach((octet, j) => compact.writeUInt8(Number(octet), i * 6 + j));
    compact.writeUInt16BE(p.port, i * 6 + 4);
  });
  return Buffer.concat([
    Buffer.from(`d8:completei${complete}e10:incompletei${incomplete}e8:intervali${interval}e`),
    Buffer.from(`12:min intervali${interval}e`),
    Buffer.from('5:peers'),
    str(compact),
    Buffer.from('e'),
  ]);
}

export interface LabTracker {
  announceUrl: string;
  /** a relay for any lab address (a web seed); shared with the peers' relays */
  relayFor(ip: string, port: number): Promise<Relay>;
  /** bytes each lab address has sent through the relays (upload), by its real address */
  sentBy(): Record<string, number>;
  /** drops every peer announced from `ip` (a host whose programs were closed) */
  forget(ip: string): void;
  /** how many peers last announced they have everything, per info hash (hex) */
  seeders(): Record<string, number>;
  close(): Promise<void>;
}

export async function startLabTracker(opts: TrackerOptions): Promise<LabTracker> {
  const swarms = new Map<string, Map<string, Peer>>();
  const relays = new Map<string, Promise<Relay>>();
  const sent: Record<string, number> = {};
  const relayFor = (ip: string, port: number): Promise<Relay> => {
    const key = `${ip}:${port}`;
    let relay = relays.get(key);
    if (!relay) {
      relay = startRelay({
        listenHost: opts.host,
        target: { host: ip, port },
        delayMs: opts.delayMs,
        ...(opts.sourceFor ? { sourceFor: opts.sourceFor } : {}),
        onBytes: (n, fromTarget, client) => {
          const who = fromTarget ? ip : client;
          sent[who] = (sent[who] ?? 0) + n;
        },
      });
      relays.set(key, relay);
    }
    return relay;
  };

  const server: Server = createServer((req, res) => {
    const query = parseQuery(req.url ?? '');
    const infoHash = decodeQueryBytes(query.get('info_hash') ?? '').toString('hex');
    const peerId = decodeQueryBytes(query.get('peer_id') ?? '').toString('hex');
    const port = Number(query.get('port'));
    const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (process.env['LAB_DEBUG']) console.error(`announce ${ip} ${req.url}`);
    const reply = async (): Promise<Buffer> => {
      if (!req.url?.startsWith('/announce') || infoHash.length !== 40 || !(port > 0)) {
        return Buffer.from('d14:failure reason15:invalid requeste');
      }
      let swarm = swarms.get(infoHash);
      if (!swarm) swarms.set(infoHash, (swarm = new Map()));
      if (query.get('event') === 'stopped') swarm.delete(peerId);
      else swarm.set(peerId, { ip, port, complete: query.get('left') === '0' });
      const others = [...swarm.entries()].filter(([id]) => id !== peerId).map(([, p]) => p);
      const addresses = await Promise.all(others.map((p) => relayFor(p.ip, p.port)));
      const complete = others.filter((p) => p.complete).length;
      return announceReply(addresses, 2, complete, others.length - complete);
    };
    reply().then(
      (body) =>
        setTimeout(() => {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end(body);
        }, 2 * opts.delayMs),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, opts.host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    announceUrl: `http://${opts.host}:${port}/announce`,
    relayFor,
    sentBy: () => ({ ...sent }),
    forget: (ip) => {
      for (const swarm of swarms.values()) {
        for (const [id, peer] of swarm) if (peer.ip === ip) swarm.delete(id);
      }
    },
    seeders: () =>
      Object.fromEntries(
        [...swarms].map(([hash, swarm]) => [
          hash,
          [...swarm.values()].filter((p) => p.complete).length,
        ]),
      ),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const relay of relays.values()) await (await relay).close().catch(() => undefined);
    },
  };
}
