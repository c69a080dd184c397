// Keeps torrents off this machine and the local network unless the user allows it: refuses peers
// on private or loopback addresses in both directions, holds back private trackers and web seeds,
// and brings them in the moment the local network is allowed. Never contacts one while refused.
import { Client as TrackerClient } from 'bittorrent-tracker';
import type WebTorrent from 'webtorrent';
import type { Torrent, Wire } from 'webtorrent';
import { isPrivateAddressUrl, isPrivateIp } from './private-address.js';

/** What one torrent's own metadata named on the local network, kept aside while refused. */
interface HeldBack {
  trackers: string[];
  webSeeds: string[];
  /** announces to the held-back trackers once allowed; webtorrent's own list stays public-only */
  tracker?: TrackerClient;
}

export class LocalNetworkGate {
  private readonly held = new Map<Torrent, HeldBack>();

  constructor(
    private readonly client: WebTorrent,
    private allowed: boolean,
    private readonly log: (message: string) => void,
  ) {
    // webtorrent asks client.blocked before every outgoing peer connection, whatever found the
    // peer (tracker, DHT, peer exchange, local discovery): a loopback address counts as local too,
    // since a hostile tracker could otherwise point the app at services on this very machine
    client.blocked = { contains: (host: string) => this.refuses(host) };
  }

  get isAllowed(): boolean {
    return this.allowed;
  }

  refuses(host: string | undefined): boolean {
    return !this.allowed && host !== undefined && isPrivateIp(host);
  }

  /** Runs on 'infoHash', before discovery starts: trackers and web seeds inside a .torrent too. */
  filter(torrent: Torrent): void {
    delete torrent.xs; // the engine fetched any .torrent link itself, with its own checks
    if (this.allowed) return;
    const trackers = torrent.announce ?? [];
    const webSeeds = torrent.urlList ?? [];
    torrent.announce = trackers.filter((u) => !isPrivateAddressUrl(u));
    torrent.urlList = webSeeds.filter((u) => !isPrivateAddressUrl(u));
    const held: HeldBack = {
      trackers: trackers.filter(isPrivateAddressUrl),
      webSeeds: webSeeds.filter(isPrivateAddressUrl),
    };
    if (held.trackers.length + held.webSeeds.length === 0) return;
    this.held.set(torrent, held);
    torrent.once('close', () => this.forget(torrent));
  }

  /**
   * True while every tracker this torrent names is on the local network and refused: it can only
   * find peers through the DHT, which a private swarm never uses, so it will likely wait forever.
   */
  onlyLocalTrackers(torrent: Torrent): boolean {
    const held = this.held.get(torrent);
    return (
      !this.allowed &&
      held !== undefined &&
      held.trackers.length > 0 &&
      torrent.announce.length === 0
    );
  }

  /** An incoming connection (or one opened before a change of mind): true when it was closed. */
  checkWire(wire: Wire): boolean {
    if (!this.refuses(wire.remoteAddress)) return false;
    wire.destroy();
    return true;
  }

  /** Applies at once: refused peers are disconnected, held-back trackers and web seeds come in. */
  setAllowed(allowed: boolean): void {
    if (allowed === this.allowed) return;
    this.allowed = allowed;
    for (const torrent of this.client.torrents) {
      if (torrent.destroyed) continue;
      if (!allowed) {
        for (const wire of [...torrent.wires]) this.checkWire(wire);
      }
      const held = this.held.get(torrent);
      if (held) this.apply(torrent, held);
    }
  }

  private apply(torrent: Torrent, held: HeldBack): void {
    if (!this.allowed) {
      held.tracker?.destroy();
      held.tracker = undefined;
      for (const url of held.webSeeds) torrent.removePeer(url);
      return;
    }
    for (const url of held.webSeeds) {
      // before the metadata, webtorrent adds the list itself once it knows the files
      if (torrent.metadata) torrent.addWebSeed(url);
      else if (!torrent.urlList.includes(url)) torrent.urlList.push(url);
    }
    if (held.trackers.length > 0 && !held.tracker) held.tracker = this.announce(torrent, held);
  }

  private announce(torrent: Torrent, held: HeldBack): TrackerClient {
    const tracker = new TrackerClient({
      infoHash: torrent.infoHash,
      peerId: this.client.peerId,
      announce: held.trackers,
      port: this.client.torrentPort,
      getAnnounceOpts: () => ({
        uploaded: torrent.uploaded,
        downloaded: torrent.downloaded,
        left: Math.max(torrent.length - torrent.downloaded, 0),
      }),
    });
    tracker.on('peer', (peer: unknown) => {
      if (typeof peer === 'string' && !torrent.destroyed) torrent.addPeer(peer, 'tracker');
    });
    tracker.on('warning', (err: unknown) => this.log(`local tracker warning: ${String(err)}`));
    tracker.on('error', (err: unknown) => this.log(`local tracker error: ${String(err)}`));
    tracker.start();
    return tracker;
  }

  private forget(torrent: Torrent): void {
    this.held.get(torrent)?.tracker?.destroy();
    this.held.delete(torrent);
  }

  destroy(): void {
    for (const torrent of [...this.held.keys()]) this.forget(torrent);
  }
}
