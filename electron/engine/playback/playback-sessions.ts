// Open playback sessions: what each one streams, how far start-up got, where the playhead is.
// Sessions are found by their server-side id only; a stopped session never serves another byte.
import { randomBytes } from 'node:crypto';
import type { LibraryItem, PlaybackSession, Settings } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import type { EngineEvents } from '../engine-events.js';
import type { LibraryStore } from '../library/library-store.js';
import { mimeTypeFor, type StreamTarget } from '../stream/stream-server.js';
import { choosePlayableFile, isPlayablePath } from '../torrent/file-choice.js';
import type { LibraryTorrents } from '../torrent/library-torrents.js';
import { bytesPerSecond } from '../torrent/piece-plan.js';
import { PlaybackPriority } from '../torrent/playback-priority.js';
import type { ManagedTorrent } from '../torrent/torrent-client.js';
import { sessionMedia, streamTarget, type SessionMedia } from './session-media.js';
import { openingView, startupBufferPercent } from './session-view.js';

export type { SessionMedia } from './session-media.js';

interface Session {
  view: PlaybackSession;
  /** The window (connection or web contents) that started it; it ends when that window goes. */
  owner?: string;
  managed?: ManagedTorrent;
  priority?: PlaybackPriority;
  target: Promise<StreamTarget | undefined>;
  settle(target: StreamTarget | undefined): void;
  stopped: boolean;
  unlisten(): void;
}

export interface PlaybackSessionsDeps {
  store: LibraryStore;
  torrents: LibraryTorrents;
  events: EngineEvents;
  urlFor(sessionId: string, fileName: string): string;
  settings(): Settings;
  /** why an item may wait forever for peers (told to the window), if anything is known */
  waitReason?(itemId: string): PlaybackSession['waitReason'];
  /** a session ended: whatever works for it (converters) must stop */
  onEnd?(sessionId: string): void;
}

export class PlaybackSessions {
  private readonly sessions = new Map<string, Session>();
  /** How many times each window has gone: a start still in flight when it went must not survive. */
  private readonly ownerEnds = new Map<string, number>();

  constructor(private readonly deps: PlaybackSessionsDeps) {}

  async start(itemId: string, fileIndex?: number, owner?: string): Promise<PlaybackSession> {
    const known = this.deps.store.get(itemId);
    if (!known) throw new CodedError('not-found', 'This title is no longer in your library.');
    const item = this.rememberChosenFile(known, fileIndex);
    const endsBefore = owner === undefined ? 0 : (this.ownerEnds.get(owner) ?? 0);
    const managed = await this.deps.torrents.ensure(itemId);
    if (owner !== undefined && (this.ownerEnds.get(owner) ?? 0) !== endsBefore) {
      // the window went while its torrent was starting: nobody will ever stop this session
      if (!this.isPlaying(itemId))
        await this.deps.torrents.release(itemId, this.deps.settings().seedAfterWatching);
      throw new CodedError('not-found', 'This window closed before the playback started.');
    }
    const sessionId = randomBytes(12).toString('base64url');
    let settle: (t: StreamTarget | undefined) => void = () => {};
    const target = new Promise<StreamTarget | undefined>((r) => (settle = r));
    const session: Session = {
      view: openingView({
        sessionId,
        item,
        torrentPhase: managed.phase,
        knownIndex: fileIndex ?? item.fileIndex,
        urlFor: this.deps.urlFor,
      }),
      ...(owner !== undefined ? { owner } : {}),
      managed,
      target,
      settle,
      stopped: false,
      unlisten: () => managed.off('phase', onPhase),
    };
    const onPhase = () => this.onPhase(session);
    this.sessions.set(sessionId, session);
    managed.on('phase', onPhase);
    managed.whenReady().then(
      () => this.attach(session, fileIndex),
      (err: unknown) => this.fail(session, err instanceof Error ? err.message : String(err)),
    );
    return { ...session.view };
  }

  /**
   * The user picked another file of the torrent: remember it, and start that file from its
   * beginning (the saved position belonged to the previous file).
   */
  private rememberChosenFile(item: LibraryItem, fileIndex: number | undefined): LibraryItem {
    if (fileIndex === undefined || fileIndex === item.fileIndex) return item;
    const file = item.files[fileIndex];
    if (item.files.length > 0 && !file?.playable) {
      throw new CodedError('no-playable-file', 'That file is not a video this player can play.');
    }
    this.deps.store.patch(item.id, { fileIndex, positionSeconds: 0, durationSeconds: undefined });
    return this.deps.store.get(item.id) ?? item;
  }

  async stop(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.end(session);
    await this.deps.store.flush().catch(() => undefined);
    if (!this.isPlaying(session.view.itemId)) {
      await this.deps.torrents.release(session.view.itemId, this.deps.settings().seedAfterWatching);
    }
  }

  /** The window went away (closed, reloaded, connection lost): its sessions stop as playback:stop does. */
  async stopOwner(owner: string): Promise<void> {
    this.ownerEnds.set(owner, (this.ownerEnds.get(owner) ?? 0) + 1);
    const owned = [...this.sessions.values()].filter((s) => s.owner === owner);
    await Promise.all(owned.map((s) => this.stop(s.view.sessionId)));
  }

  progress(sessionId: string, positionSeconds: number, durationSeconds?: number): void {
    const session = this.sessions.get(sessionId);
    if (!session) throw new CodedError('not-found', 'This playback has already stopped.');
    session.priority?.setPlayhead(positionSeconds, durationSeconds);
    if (this.deps.store.peek(session.view.itemId)) {
      this.deps.store.patch(session.view.itemId, {
        positionSeconds,
        lastPlayedAt: Date.now(),
        ...(durationSeconds ? { durationSeconds } : {}),
      });
    }
    if (session.view.phase === 'buffering' && positionSeconds > session.view.resumeAtSeconds) {
      this.update(session, { phase: 'playing', bufferPercent: 100 });
    }
  }

  /** The library item a session plays, while it lasts. */
  itemOf(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.view.itemId;
  }

  /** A likely seek target (the pointer rests there on the seek bar): fetch its first seconds. */
  prefetch(sessionId: string, positionSeconds: number): void {
    const session = this.sessions.get(sessionId);
    if (!session) throw new CodedError('not-found', 'This playback has already stopped.');
    session.priority?.prefetchAt(positionSeconds);
  }

  resolveTarget(sessionId: string): Promise<StreamTarget | undefined> {
    return this.sessions.get(sessionId)?.target ?? Promise.resolve(undefined);
  }

  /** Waits for the session's file; undefined when the session is gone or has no file. */
  async media(sessionId: string): Promise<SessionMedia | undefined> {
    const session = this.sessions.get(sessionId);
    const target = await session?.target;
    const managed = session?.managed;
    const { fileIndex, streamUrl, fileName } = session?.view ?? {};
    if (!session || session.stopped || !target || !managed) return undefined;
    if (fileIndex === undefined || !streamUrl || !fileName) return undefined;
    return sessionMedia({ itemId: session.view.itemId, streamUrl, fileName, fileIndex }, managed);
  }

  onRangeRequest(sessionId: string, startByte: number): void {
    this.sessions.get(sessionId)?.priority?.onRangeRequest(startByte);
  }

  onReadAt(sessionId: string, byte: number): void {
    this.sessions.get(sessionId)?.priority?.readerAt(byte);
  }

  isPlaying(itemId: string): boolean {
    for (const s of this.sessions.values()) if (s.view.itemId === itemId) return true;
    return false;
  }

  fileIndexOf(itemId: string): number | undefined {
    for (const s of this.sessions.values()) if (s.view.itemId === itemId) return s.view.fileIndex;
    return undefined;
  }

  setBufferAhead(seconds: number): void {
    for (const s of this.sessions.values()) s.priority?.setBufferAhead(seconds);
  }

  /** Called with the stats tick: start-up buffer progress for sessions still buffering. */
  tick(): void {
    for (const session of this.sessions.values()) {
      const waitReason =
        session.view.phase === 'playing' ? undefined : this.deps.waitReason?.(session.view.itemId);
      if (waitReason !== session.view.waitReason) this.update(session, { waitReason });
      if (
        session.view.phase !== 'buffering' ||
        !session.managed ||
        session.view.fileIndex === undefined
      )
        continue;
      const percent = this.bufferPercent(session);
      if (percent === 100) this.update(session, { phase: 'playing', bufferPercent: 100 });
      else if (percent !== session.view.bufferPercent)
        this.update(session, { bufferPercent: percent });
    }
  }

  /** The item is going away: its sessions end without touching its torrent (the caller removes it). */
  stopItem(itemId: string): void {
    for (const session of [...this.sessions.values()])
      if (session.view.itemId === itemId) this.end(session);
  }

  stopAll(): void {
    for (const session of [...this.sessions.values()]) this.end(session);
  }

  private attach(session: Session, fileIndex?: number): void {
    if (session.stopped || !session.managed) return;
    const item = this.deps.store.get(session.view.itemId);
    // the library may not have recorded the file list yet: choose from the torrent itself
    const index = fileIndex ?? item?.fileIndex ?? choosePlayableFile(session.managed.files());
    const file = index === undefined ? undefined : session.managed.torrent.files[index];
    if (!item || index === undefined || !file || !isPlayablePath(file.path.replace(/\\/g, '/'))) {
      return this.fail(session, 'This torrent holds no video that can be played.');
    }
    const managed = session.managed;
    const priority = new PlaybackPriority(
      managed.torrent,
      file,
      this.deps.settings().bufferAheadSeconds,
    );
    const rate = bytesPerSecond(file.length, item.durationSeconds);
    priority.start(
      Math.min(file.length - 1, Math.floor(item.positionSeconds * rate)),
      item.durationSeconds,
    );
    session.priority = priority;
    const name = file.name;
    session.settle(streamTarget(managed, index, file, (message) => this.fail(session, message)));
    this.update(session, {
      phase: 'buffering',
      fileIndex: index,
      fileName: name,
      mimeType: mimeTypeFor(name),
    });
    this.tick();
  }

  private bufferPercent(session: Session): number {
    const torrent = session.managed?.torrent;
    // runs on every stats tick while buffering: read in place, a copy would take the file list too
    const item = this.deps.store.peek(session.view.itemId);
    const file = torrent?.files[session.view.fileIndex ?? -1];
    if (!torrent?.bitfield || !item || !file) return 0;
    return startupBufferPercent(
      { pieceLength: torrent.pieceLength, bitfield: torrent.bitfield },
      file,
      session.view.resumeAtSeconds,
      item.durationSeconds,
    );
  }

  private onPhase(session: Session): void {
    const phase = session.managed?.phase;
    if (session.stopped || !phase || phase === 'ready') return;
    if (phase === 'error') {
      // the torrent stopped under the player (disk full, folder gone): say why
      return this.fail(session, session.managed?.failure?.message ?? 'This torrent was stopped.');
    }
    if (session.view.phase !== phase) this.update(session, { phase });
  }

  private fail(session: Session, message: string): void {
    if (session.stopped) return;
    session.settle(undefined);
    this.update(session, { phase: 'error', errorMessage: message });
  }

  private end(session: Session): void {
    session.stopped = true;
    session.unlisten();
    session.priority?.stop();
    session.settle(undefined);
    this.sessions.delete(session.view.sessionId);
    this.deps.onEnd?.(session.view.sessionId);
  }

  private update(session: Session, patch: Partial<PlaybackSession>): void {
    if (session.stopped) return;
    session.view = { ...session.view, ...patch };
    this.deps.events.emit('session', { ...session.view });
  }
}
