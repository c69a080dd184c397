// Keeps library items and running torrents in step: adds, restores (verifying data already on disk
// instead of fetching it again), saves each .torrent once known, pauses or seeds after playback.
// Nothing is written outside dataDir/torrents and the download folder.
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { LibraryItem, TorrentStats } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import type { EngineEvents } from '../engine-events.js';
import type { ReadonlyItem } from '../library/library-journal.js';
import type { LibraryStore } from '../library/library-store.js';
import { removeRecord, resumeDirOf } from '../storage/resume-record.js';
import type { ResumePlan } from './resume-plan.js';
import { SavedTorrentFiles } from './saved-torrent-files.js';
import { newLibraryItem } from './new-library-item.js';
import { choosePlayableFile, isPlayablePath, noPlayableFileMessage } from './file-choice.js';
import type { ReadSource } from './source-reader.js';
import type { CheckedSource, ManagedTorrent, TorrentClient } from './torrent-client.js';
import { checkMagnet } from './torrent-input.js';

export interface LibraryTorrentsDeps {
  store: LibraryStore;
  client: TorrentClient;
  events: EngineEvents;
  dataDir: string;
  downloadDir: string;
  log: (message: string) => void;
  /** whether a playback session is open on the item */
  isPlaying(itemId: string): boolean;
  /** the catalog's file name for the item, when it came from a catalog */
  fileNameHint?(item: LibraryItem): string | undefined;
}

export class LibraryTorrents {
  /** uploaded bytes saved before this run, so the item's total keeps growing across restarts */
  private readonly uploadedBase = new Map<string, number>();
  private readonly torrentFiles: SavedTorrentFiles;

  constructor(private readonly deps: LibraryTorrentsDeps) {
    this.torrentFiles = new SavedTorrentFiles(deps.dataDir, deps.log);
  }

  async add(
    read: ReadSource,
    meta: { titleId?: string; episodeId?: string },
  ): Promise<LibraryItem> {
    const { store } = this.deps;
    const id = read.source.infoHash;
    const parsed = read.parsed;
    const files = (parsed?.files ?? []).map((f) => ({ ...f, playable: isPlayablePath(f.path) }));
    // the file list is known up front: a torrent with nothing to play is refused before it is kept
    if (parsed && choosePlayableFile(files) === undefined) {
      throw new CodedError('no-playable-file', noPlayableFileMessage(files.map((f) => f.path)));
    }
    if (read.source.kind === 'torrent') this.torrentFiles.keep(id, read.source.bytes);
    const existing = store.get(id);
    if (existing) return existing;
    const item = newLibraryItem(read, files, meta);
    const fileIndex = parsed
      ? choosePlayableFile(files, { fileName: this.deps.fileNameHint?.(item) })
      : undefined;
    if (fileIndex !== undefined) item.fileIndex = fileIndex;
    store.upsert(item);
    // a magnet's file list comes from peers: fetch the metadata now so the window can show it
    if (!parsed) this.start(item, read.source).catch(() => undefined);
    this.emitLibrary();
    return store.get(id) ?? item;
  }

  /** The running torrent for an item, started (and its data verified) if needed. */
  async ensure(itemId: string): Promise<ManagedTorrent> {
    const item = this.deps.store.get(itemId);
    if (!item) throw new CodedError('not-found', 'This title is no longer in your library.');
    const running = this.deps.client.get(itemId);
    if (running) return running;
    await this.checkDownloadDir(itemId);
    const bytes = await this.torrentFiles.read(itemId);
    if (bytes) {
      const source = { kind: 'torrent', infoHash: itemId, bytes } as const;
      // a record of verified pieces spares reading data that has not changed since it was written
      const plan = await this.deps.client
        .resumePlan(source, this.itemDir(itemId))
        .catch((err: unknown) => {
          this.deps.log(`record of ${itemId} not used: ${String(err)}`);
          return undefined;
        });
      return this.deps.client.get(itemId) ?? this.start(item, source, plan);
    }
    const magnet = checkMagnet(item.magnet);
    return this.start(item, {
      kind: 'magnet',
      infoHash: itemId,
      trackers: magnet.trackers,
      webSeeds: magnet.webSeeds,
    });
  }

  /** At start: keep sharing what was shared, if the settings say so; everything else waits to be played. */
  async restore(): Promise<void> {
    const seed = this.deps.store.settings().seedAfterWatching;
    for (const item of this.deps.store.items()) {
      const idle = item.progress >= 1 ? 'complete' : 'paused';
      if (item.status !== idle)
        this.deps.store.patch(item.id, { status: idle, errorMessage: undefined });
      if (!seed || item.progress <= 0) continue;
      await this.ensure(item.id).catch((err: unknown) =>
        this.deps.log(`could not restore ${item.id}: ${String(err)}`),
      );
    }
    this.emitLibrary();
  }

  /** After playback: keep seeding (and finishing the file at low priority) or stop, keeping data. */
  async release(itemId: string, keepSeeding: boolean): Promise<void> {
    if (!keepSeeding) await this.deps.client.remove(itemId, false);
    this.refresh(itemId);
  }

  async removeItem(itemId: string, deleteData: boolean): Promise<void> {
    const item = this.deps.store.get(itemId);
    await this.deps.client.remove(itemId, deleteData);
    if (deleteData && item) await this.deleteFiles(item);
    await this.torrentFiles.remove(itemId);
    await removeRecord(resumeDirOf(this.deps.dataDir), itemId).catch(() => undefined);
    this.deps.store.remove(itemId);
    this.uploadedBase.delete(itemId);
    this.emitLibrary();
  }

  /**
   * Live figures of every running torrent. Runs twice a second: it reads the stored items in place,
   * since copying a library that holds a 10,000-file torrent on every tick is what made it slow.
   */
  stats(fileIndexOf: (itemId: string) => number | undefined): TorrentStats[] {
    const out: TorrentStats[] = [];
    for (const id of this.deps.store.ids()) {
      const managed = this.deps.client.get(id);
      const item = this.deps.store.peek(id);
      if (!managed || !item) continue;
      const s = managed.stats(fileIndexOf(item.id) ?? item.fileIndex);
      const uploaded = (this.uploadedBase.get(item.id) ?? item.uploaded) + s.uploaded;
      out.push({
        itemId: item.id,
        peers: s.peers,
        downloadSpeed: s.downloadSpeed,
        uploadSpeed: s.uploadSpeed,
        downloaded: s.downloaded,
        uploaded,
        progress: s.progress,
        fileRanges: s.fileRanges,
        status: this.statusOf(item, managed),
      });
    }
    return out;
  }

  /**
   * Saves the running torrents' figures into the library (the store batches the writes) and tells
   * the window what changed: those figures only, never the file lists.
   */
  persist(stats: TorrentStats[]): void {
    for (const s of stats) {
      const item = this.deps.store.peek(s.itemId);
      if (!item || (s.progress === 0 && item.progress > 0)) continue; // still verifying
      // an idle seed's figures stand still: nothing to save (a season pack's library is large)
      const same =
        item.downloaded === s.downloaded &&
        item.uploaded === s.uploaded &&
        item.progress === s.progress &&
        item.status === s.status;
      if (same) continue;
      this.deps.store.patch(s.itemId, {
        downloaded: s.downloaded,
        uploaded: s.uploaded,
        progress: s.progress,
        status: s.status,
      });
    }
    this.emitLibrary();
  }

  /** Sends the window what changed in the library since last time, if anything did. */
  emitLibrary(): void {
    const changes = this.deps.store.takeChanges();
    if (changes) this.deps.events.emit('library', changes);
  }

  torrentPath(itemId: string): string {
    return this.torrentFiles.torrentPath(itemId);
  }

  /** Waits for .torrent files still being saved (called on close, so a quick quit loses none). */
  settle(): Promise<void> {
    return this.torrentFiles.settle();
  }

  private statusOf(item: ReadonlyItem, managed: ManagedTorrent | undefined): LibraryItem['status'] {
    if (!managed)
      return item.status === 'error' ? 'error' : item.progress >= 1 ? 'complete' : 'paused';
    if (managed.phase === 'error') return 'error';
    if (managed.phase !== 'ready') return 'fetching-metadata';
    // a running torrent still missing pieces is downloading (if slowly), even while it shares
    return managed.torrent.progress >= 1 ? 'seeding' : 'downloading';
  }

  private refresh(itemId: string): void {
    const item = this.deps.store.peek(itemId);
    if (!item) return;
    const status = this.statusOf(item, this.deps.client.get(itemId));
    if (status !== item.status) this.deps.store.patch(itemId, { status });
    this.emitLibrary();
  }

  private start(
    item: LibraryItem,
    source: CheckedSource,
    plan?: ResumePlan,
  ): Promise<ManagedTorrent> {
    const managed = this.deps.client.add(source, this.itemDir(item.id), plan);
    this.uploadedBase.set(item.id, item.uploaded);
    managed.once('ready', () => void this.onMetadata(item.id, managed));
    managed.once('failed', (failure: { code: string; message: string }) => {
      if (!this.deps.store.get(item.id)) return;
      if (failure.code === 'no-playable-file') return this.dropUnplayable(item.id, failure.message);
      this.deps.store.patch(item.id, { status: 'error', errorMessage: failure.message });
      this.deps.events.notice('error', `${item.name}: ${failure.message}`);
      this.emitLibrary();
    });
    if (item.status === 'error') this.deps.store.patch(item.id, { errorMessage: undefined });
    this.refresh(item.id);
    return Promise.resolve(managed);
  }

  /** A torrent whose file list holds nothing to play leaves the library, and the user is told. */
  private dropUnplayable(itemId: string, message: string): void {
    const item = this.deps.store.get(itemId);
    if (!item) return;
    this.deps.events.notice('error', `${item.name}: ${message}`);
    // it was stopped before fetching anything; data from an older version is kept all the same
    this.removeItem(itemId, item.downloaded === 0).catch((err: unknown) =>
      this.deps.log(`could not remove ${itemId}: ${String(err)}`),
    );
  }

  private async onMetadata(itemId: string, managed: ManagedTorrent): Promise<void> {
    const item = this.deps.store.get(itemId);
    if (!item) return;
    await this.torrentFiles
      .save(itemId, managed.torrent.torrentFile)
      .catch((err: unknown) =>
        this.deps.log(`could not save the .torrent of ${itemId}: ${String(err)}`),
      );
    const files = managed.files().map((f) => ({ ...f, playable: isPlayablePath(f.path) }));
    const fileIndex =
      item.fileIndex ?? choosePlayableFile(files, { fileName: this.deps.fileNameHint?.(item) });
    // a title added from a .torrent already has this list: sending it again would put 10,000
    // entries of a season pack on the wire to the window for nothing
    const sameFiles =
      item.files.length === files.length &&
      item.files.every((f, i) => f.path === files[i]?.path && f.length === files[i]?.length);
    this.deps.store.patch(itemId, {
      name: managed.torrent.name || item.name,
      ...(sameFiles ? {} : { files }),
      length: managed.torrent.length,
      progress: Math.min(1, managed.torrent.progress),
      downloaded: managed.torrent.downloaded,
      ...(fileIndex !== undefined ? { fileIndex } : {}),
    });
    this.refresh(itemId);
  }

  private async checkDownloadDir(itemId: string): Promise<void> {
    try {
      await mkdir(this.deps.downloadDir, { recursive: true });
    } catch {
      const message =
        'The download folder is missing or cannot be written to (was a drive unplugged?). Check it, then play again.';
      this.deps.store.patch(itemId, { status: 'error', errorMessage: message });
      this.emitLibrary();
      throw new CodedError('download-folder-missing', message);
    }
  }

  /**
   * Each torrent keeps its data in a folder of its own, named by its info hash: two torrents with
   * the same name never share files, so one never overwrites (or deletes) another's.
   */
  private itemDir(itemId: string): string {
    return join(this.deps.downloadDir, itemId);
  }

  /** Deletes an item's folder, only ever inside the download folder (ids are checked hex hashes). */
  private async deleteFiles(item: LibraryItem): Promise<void> {
    const root = resolve(this.deps.downloadDir);
    const target = resolve(this.itemDir(item.id));
    if (!/^[0-9a-f]{40}$/.test(item.id) || !target.startsWith(root + sep)) return;
    await rm(target, { recursive: true, force: true }).catch(() => undefined);
  }
}
