// The .torrent files kept for library items under dataDir/torrents: saved once, in the background,
// whole or not at all; read back only when still sound. Nothing is written outside that folder.
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDurably } from '../storage/durable-write.js';
import { checkTorrentBytes } from './torrent-input.js';

export class SavedTorrentFiles {
  private readonly torrentsDir: string;
  private tempCounter = 0;
  /** .torrent files added but not yet on disk (checked on the way in) */
  private readonly unsavedTorrents = new Map<string, Uint8Array>();
  private readonly savesInFlight = new Set<Promise<void>>();

  constructor(
    dataDir: string,
    private readonly log: (message: string) => void,
  ) {
    this.torrentsDir = join(dataDir, 'torrents');
  }

  torrentPath(itemId: string): string {
    return join(this.torrentsDir, `${itemId}.torrent`);
  }

  /**
   * Keeps a just-added .torrent in memory and saves it in the background: pressing play must not
   * wait for the disk (a flushed write costs tens of milliseconds on a busy disk).
   */
  keep(itemId: string, bytes: Uint8Array): void {
    this.unsavedTorrents.set(itemId, bytes);
    const saving = this.save(itemId, bytes)
      .catch((err: unknown) => this.log(`could not save the .torrent of ${itemId}: ${String(err)}`))
      .finally(() => {
        this.unsavedTorrents.delete(itemId);
        this.savesInFlight.delete(saving);
      });
    this.savesInFlight.add(saving);
  }

  /** Waits for .torrent files still being saved (called on close, so a quick quit loses none). */
  async settle(): Promise<void> {
    await Promise.all([...this.savesInFlight]);
  }

  async save(itemId: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.torrentsDir, { recursive: true });
    const path = this.torrentPath(itemId);
    const exists = await readFile(path).then(
      () => true,
      () => false,
    );
    if (exists) return;
    // flushed whole, then renamed: a crash never leaves a half .torrent; the temp name is unique
    // so two adds of the same torrent at once do not trip over each other
    const temp = `${path}.${process.pid}-${++this.tempCounter}.tmp`;
    try {
      await writeDurably(temp, bytes);
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The .torrent saved for an item, if any and still sound. A damaged copy (a power cut while
   * writing, a disk error) is set aside, and the item falls back to its magnet link.
   */
  async read(itemId: string): Promise<Uint8Array | undefined> {
    const unsaved = this.unsavedTorrents.get(itemId);
    if (unsaved) return unsaved;
    const path = this.torrentPath(itemId);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) return undefined;
    try {
      if (checkTorrentBytes(bytes).infoHash === itemId) return bytes;
    } catch {
      // damaged: handled below
    }
    this.log(`the saved .torrent of ${itemId} is damaged; using its magnet link instead`);
    await rename(path, `${path}.damaged-${Date.now()}`).catch(() => undefined);
    return undefined;
  }

  /** Forgets an item's .torrent. */
  async remove(itemId: string): Promise<void> {
    await rm(this.torrentPath(itemId), { force: true });
  }
}
