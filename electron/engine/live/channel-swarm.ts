// One channel's swarm: joined once (one info hash derived from the channel key, found through
// trackers, DHT and peer exchange), then every segment travels on those same wires. It keeps who
// has what, serves segments within the upload budget and bans a peer for good when told to.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Torrent } from 'webtorrent';
import type { TorrentClient } from '../torrent/torrent-client.js';
import { liveExtension, type LiveMessage, type LivePeer } from './live-wire.js';
import { UploadQueue } from './upload-queue.js';

export interface SwarmPeer {
  peer: LivePeer;
  role: 'broadcaster' | 'viewer' | 'unknown';
  have: Set<number>;
}

export interface ChannelSwarmOptions {
  client: TorrentClient;
  publicKey: string;
  trackers: string[];
  role: 'broadcaster' | 'viewer';
  /** bytes/s for segment data sent to neighbours; 0 = share nothing, Infinity = no cap */
  uploadRate: number;
  /** a verified segment we hold, for a neighbour who asks */
  segment(id: number): Uint8Array | undefined;
  /** the ids we hold, told to each new neighbour */
  held(): number[];
  log: (message: string) => void;
}

/** The swarm's info hash: the same for everyone who knows the channel key, and for nothing else. */
export function swarmInfoHash(publicKey: string): string {
  return createHash('sha1').update(`essaim-live:${publicKey}`).digest('hex');
}

/**
 * Emits 'manifest' (bytes, peer), 'data' (peer, message), 'none' (peer, id), 'have' (peer, id),
 * 'peers' (count) when a neighbour comes or goes.
 */
export class ChannelSwarm extends EventEmitter {
  private readonly peers = new Map<string, SwarmPeer>();
  private readonly banned = new Set<string>();
  /** peers banned so far (for tampered segments, forged manifests, broken messages) */
  bans = 0;
  private readonly upload: UploadQueue;
  private readonly torrent: Torrent;

  constructor(private readonly opts: ChannelSwarmOptions) {
    super();
    this.upload = new UploadQueue(opts.uploadRate);
    const extension = liveExtension({
      onReady: (peer) => this.onReady(peer),
      onMessage: (peer, message) => this.onMessage(peer, message),
      onClose: (peer) => {
        this.upload.cancel(peer);
        this.drop(peer);
      },
    });
    this.torrent = opts.client.joinSwarm(swarmInfoHash(opts.publicKey), opts.trackers, (wire) => {
      const peerId = (wire as { peerId?: string }).peerId ?? '';
      if (this.banned.has(`id:${peerId}`) || this.banned.has(`ip:${wire.remoteAddress ?? ''}`)) {
        wire.destroy();
        return;
      }
      (wire as unknown as { use(ext: unknown): void }).use(extension);
    });
  }

  /** whether segments are offered to neighbours at all (the user may turn it off) */
  get sharing(): boolean {
    return this.upload.sharing;
  }

  get uploaded(): number {
    return this.upload.sent;
  }

  neighbours(): SwarmPeer[] {
    return [...this.peers.values()].filter((p) => !p.peer.closed);
  }

  viewerCount(): number {
    return this.neighbours().filter((p) => p.role === 'viewer').length;
  }

  setUploadRate(rate: number): void {
    this.upload.setRate(rate);
  }

  /** Adds a neighbour's address by hand (tests, a known broadcaster address). */
  addPeer(address: string): void {
    if (!this.torrent.destroyed) this.torrent.addPeer(address);
  }

  send(peer: SwarmPeer, message: LiveMessage): void {
    peer.peer.send(message);
  }

  sendAll(message: LiveMessage, except?: LivePeer): void {
    for (const p of this.neighbours()) if (p.peer !== except) p.peer.send(message);
  }

  /** Closes the peer's wire and refuses it from now on (by peer id, and by address off loopback). */
  ban(peer: LivePeer, why: string): void {
    if (this.isBanned(peer)) return;
    this.bans++;
    this.opts.log(`banned peer ${peer.peerId.slice(0, 12)} (${peer.address ?? '?'}): ${why}`);
    this.banned.add(`id:${peer.peerId}`);
    // on loopback every peer shares one address: banning it would ban the whole test swarm
    if (peer.address && !/^(127\.|::1$|::ffff:127\.)/.test(peer.address)) {
      this.banned.add(`ip:${peer.address}`);
    }
    this.upload.cancel(peer);
    this.drop(peer);
    peer.close();
  }

  isBanned(peer: LivePeer): boolean {
    return this.banned.has(`id:${peer.peerId}`);
  }

  close(): void {
    this.upload.close();
    if (!this.torrent.destroyed) this.torrent.destroy();
  }

  private onReady(peer: LivePeer): void {
    const state: SwarmPeer = { peer, role: 'unknown', have: new Set() };
    this.peers.set(peer.key, state);
    peer.send({
      t: 'hello',
      role: this.opts.role,
      have: this.upload.sharing || this.opts.role === 'broadcaster' ? this.opts.held() : [],
    });
    this.emit('peers', this.neighbours().length);
    this.emit('peer', state);
  }

  private drop(peer: LivePeer): void {
    if (this.peers.delete(peer.key)) this.emit('peers', this.neighbours().length);
  }

  private onMessage(peer: LivePeer, message: LiveMessage): void {
    const state = this.peers.get(peer.key);
    if (!state || this.isBanned(peer)) return;
    switch (message.t) {
      case 'hello':
        state.role = message.role;
        for (const id of message.have) state.have.add(id);
        for (const id of message.have) this.emit('have', state, id);
        return;
      case 'have':
        state.have.add(message.id);
        if (state.have.size > 200) state.have.delete(Math.min(...state.have));
        this.emit('have', state, message.id);
        return;
      case 'man':
        this.emit('manifest', message.data, state);
        return;
      case 'req': {
        const data = this.opts.segment(message.id);
        if (!data || !this.upload.offer(peer, message.id, data, message.from))
          peer.send({ t: 'none', id: message.id });
        return;
      }
      case 'cancel':
        this.upload.cancel(peer, message.id);
        return;
      case 'none':
        state.have.delete(message.id);
        this.emit('none', state, message.id);
        return;
      case 'data':
        this.emit('data', state, message);
        return;
    }
  }

  /** Forget neighbours whose wire closed. */
  prune(): void {
    for (const p of [...this.peers.values()]) if (p.peer.closed) this.drop(p.peer);
  }
}
