// The window's live sessions: one LiveViewer per channel being watched, its playlist and segments
// handed to the stream server, its figures pushed as 'live-status' events. It also answers
// "is this channel on air?" for the Channels tab. Never imports electron.
import { randomBytes } from 'node:crypto';
import { parseChannelLink } from '../../../shared/channel-link.js';
import type { LiveSession, LiveState, LiveStatus, Settings } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import type { LiveSource } from '../stream/stream-server.js';
import type { TorrentClient } from '../torrent/torrent-client.js';
import { LiveViewer } from './live-viewer.js';
import { MAX_MANIFEST_BYTES, openManifest } from './manifest.js';
import { fetchFromOrigin } from './origin-fetch.js';

const KIB = 1024;
/** what a viewer relays when the user set no upload limit: enough for a few other viewers */
const DEFAULT_LIVE_UPLOAD = 512 * KIB;

export interface LiveSessionsOptions {
  client: TorrentClient;
  settings: () => Settings;
  allowPrivate: () => boolean;
  liveUrlFor: (sessionId: string) => string;
  emit: (status: LiveStatus) => void;
  log: (message: string) => void;
}

export class LiveSessions implements LiveSource {
  private readonly sessions = new Map<string, LiveViewer>();
  /** which window each session belongs to: it ends when that window goes */
  private readonly owners = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly opts: LiveSessionsOptions) {
    this.timer = setInterval(() => this.report(), 1000);
    this.timer.unref();
  }

  open(text: string, owner?: string): LiveSession {
    const parsed = parseChannelLink(text);
    if (!parsed.ok) throw new CodedError('invalid-input', parsed.reason);
    // one channel at a time per window: a window has one player
    if (owner === undefined) this.stopAll();
    else this.stopOwner(owner);
    const sessionId = randomBytes(12).toString('base64url');
    const settings = this.opts.settings();
    const viewer = new LiveViewer({
      client: this.opts.client,
      link: parsed.link,
      profile: settings.liveLatency,
      uploadRate: this.uploadRate(settings),
      allowPrivate: this.opts.allowPrivate(),
      log: (m) => this.opts.log(`live: ${m}`),
    });
    viewer.on('state', () => this.report());
    this.sessions.set(sessionId, viewer);
    if (owner !== undefined) this.owners.set(sessionId, owner);
    return {
      sessionId,
      name: parsed.link.name ?? 'Live channel',
      playlistUrl: this.opts.liveUrlFor(sessionId),
    };
  }

  stop(sessionId: string): void {
    this.sessions.get(sessionId)?.close();
    this.sessions.delete(sessionId);
    this.owners.delete(sessionId);
  }

  /** The window that watched went away (closed, reloaded, disconnected): its channel stops. */
  stopOwner(owner: string): void {
    for (const [id, o] of [...this.owners]) if (o === owner) this.stop(id);
  }

  stopAll(): void {
    for (const id of [...this.sessions.keys()]) this.stop(id);
  }

  /** Settings changed: the switch and the profile apply to the channel playing now. */
  applySettings(settings: Settings): void {
    for (const viewer of this.sessions.values()) {
      viewer.setUploadRate(this.uploadRate(settings));
      viewer.setProfile(settings.liveLatency);
    }
  }

  playlist(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.playlist();
  }

  segment(sessionId: string, segmentId: number): Uint8Array | undefined {
    return this.sessions.get(sessionId)?.segment(segmentId);
  }

  /** On air = its origin has a fresh manifest signed by its key; anything else is off air. */
  async probe(links: string[]): Promise<{ link: string; state: LiveState }[]> {
    return Promise.all(
      links.map(async (link) => {
        const parsed = parseChannelLink(link);
        if (!parsed.ok) return { link, state: 'off-air' as const };
        try {
          const bytes = await fetchFromOrigin(`${parsed.link.origin}/manifest.json`, {
            allowPrivate: this.opts.allowPrivate(),
            timeoutMs: 4000,
            maxBytes: MAX_MANIFEST_BYTES,
          });
          const opened = openManifest(bytes, parsed.link.publicKey, {
            now: Date.now(),
            maxAgeMs: 15_000,
          });
          return { link, state: opened.ok ? ('on-air' as const) : ('off-air' as const) };
        } catch {
          return { link, state: 'off-air' as const };
        }
      }),
    );
  }

  close(): void {
    clearInterval(this.timer);
    this.stopAll();
  }

  private uploadRate(settings: Settings): number {
    if (!settings.liveSharing) return 0;
    return settings.uploadLimitKiBps > 0 ? settings.uploadLimitKiBps * KIB : DEFAULT_LIVE_UPLOAD;
  }

  private report(): void {
    for (const [sessionId, viewer] of this.sessions) {
      const f = viewer.figures();
      this.opts.emit({
        sessionId,
        state: f.state,
        peers: viewer.swarm.viewerCount(),
        offload: f.offload,
        edgeLagSeconds: f.edgeLagSeconds,
        originReachable: f.originReachable,
        problem: f.problem,
        problemCode: viewer.manifests.problemCode,
      });
    }
  }
}
