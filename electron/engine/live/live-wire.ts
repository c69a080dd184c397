// The channel swarm's one BitTorrent extension (BEP 10, "essaim_live"): manifests, segment
// announcements, requests and data travel on the long-lived wires of the channel swarm, so a new
// segment needs no new connection and no tracker announce. It only frames and parses; every
// message from a peer is untrusted and a malformed one closes that wire, never the process.
import type { Wire } from 'webtorrent';

export const EXTENSION_NAME = 'essaim_live';
/** Data is sent in chunks of this size, so requests interleave and progress is visible. */
export const CHUNK_BYTES = 16 * 1024;
const MAX_HEADER_BYTES = 4096;
const MAX_HAVE_LIST = 120;

export type LiveMessage =
  | { t: 'hello'; role: 'broadcaster' | 'viewer'; have: number[] }
  | { t: 'have'; id: number }
  | { t: 'man'; data: Uint8Array }
  | { t: 'req'; id: number; from: number }
  | { t: 'cancel'; id: number }
  | { t: 'none'; id: number }
  | { t: 'data'; id: number; off: number; total: number; data: Uint8Array };

export interface LiveWireHandler {
  /** the peer speaks the extension: messages may be sent from now on */
  onReady(peer: LivePeer): void;
  onMessage(peer: LivePeer, message: LiveMessage): void;
  /** the connection closed, whoever closed it */
  onClose(peer: LivePeer): void;
}

/** One neighbour in the channel swarm, as the live code sees it. */
export interface LivePeer {
  readonly key: string;
  readonly address: string | undefined;
  readonly peerId: string;
  send(message: LiveMessage): void;
  close(): void;
  readonly closed: boolean;
}

interface ExtensionWire extends Wire {
  peerId?: string;
  remotePort?: number;
  destroyed?: boolean;
  use(ext: unknown): void;
  extended(name: string, data: Uint8Array): void;
  peerExtendedMapping: Record<string, number>;
}

let nextKey = 0;

/** Makes the extension for `wire.use`; messages go to `handler`. */
export function liveExtension(handler: LiveWireHandler): unknown {
  class LiveExtension {
    readonly peer: LivePeer;
    private ready = false;
    constructor(private readonly wire: ExtensionWire) {
      const key = `p${nextKey++}`;
      this.peer = {
        key,
        get address() {
          return wire.remoteAddress;
        },
        get peerId() {
          return wire.peerId ?? '';
        },
        get closed() {
          return Boolean(wire.destroyed);
        },
        send: (message) => this.send(message),
        close: () => wire.destroy(),
      };
      wire.once('close', () => {
        if (this.ready) handler.onClose(this.peer);
      });
    }
    onExtendedHandshake(): void {
      if (this.ready || !this.wire.peerExtendedMapping[EXTENSION_NAME]) return;
      this.ready = true;
      handler.onReady(this.peer);
    }
    onMessage(buf: Uint8Array): void {
      const message = decode(buf);
      if (!message) {
        this.wire.destroy(); // a peer that speaks nonsense is not worth keeping
        return;
      }
      try {
        handler.onMessage(this.peer, message);
      } catch {
        this.wire.destroy();
      }
    }
    send(message: LiveMessage): void {
      if (!this.ready || this.wire.destroyed) return;
      try {
        this.wire.extended(EXTENSION_NAME, encode(message));
      } catch {
        // the wire closed under us: nothing to send to
      }
    }
  }
  Object.defineProperty(LiveExtension.prototype, 'name', { value: EXTENSION_NAME });
  return LiveExtension;
}

/** [4-byte header length][JSON header][raw data] */
export function encode(message: LiveMessage): Uint8Array {
  const { data, ...rest } = message as LiveMessage & { data?: Uint8Array };
  const header = Buffer.from(JSON.stringify(rest));
  const out = Buffer.alloc(4 + header.length + (data?.byteLength ?? 0));
  out.writeUInt32BE(header.length, 0);
  header.copy(out, 4);
  if (data) Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 4 + header.length);
  return out;
}

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export function decode(buf: Uint8Array): LiveMessage | undefined {
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (bytes.length < 4) return undefined;
  const headerLength = bytes.readUInt32BE(0);
  if (headerLength > MAX_HEADER_BYTES || 4 + headerLength > bytes.length) return undefined;
  let h: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    h = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const data = bytes.subarray(4 + headerLength);
  switch (h['t']) {
    case 'hello': {
      const have = h['have'];
      const role = h['role'];
      if (role !== 'broadcaster' && role !== 'viewer') return undefined;
      if (!Array.isArray(have) || have.length > MAX_HAVE_LIST || !have.every(isId))
        return undefined;
      return { t: 'hello', role, have: have as number[] };
    }
    case 'req': {
      const from = h['from'] ?? 0;
      return isId(h['id']) && isId(from) ? { t: 'req', id: h['id'], from } : undefined;
    }
    case 'have':
    case 'cancel':
    case 'none':
      return isId(h['id']) ? { t: h['t'], id: h['id'] } : undefined;
    case 'man':
      return data.length > 0 ? { t: 'man', data } : undefined;
    case 'data': {
      const { id, off, total } = h;
      if (!isId(id) || !isId(off) || !isId(total)) return undefined;
      if (data.length === 0 || data.length > CHUNK_BYTES || off + data.length > total)
        return undefined;
      return { t: 'data', id, off, total, data };
    }
    default:
      return undefined;
  }
}
