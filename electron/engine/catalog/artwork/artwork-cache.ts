// Posters, backdrops, logos and stills: fetched by the engine (guarded: local-network rule, size
// cap, timeout), checked to be images, kept on disk under DATA/artwork/ and handed to the local
// server. The window never loads an image from the internet; a failure simply means no picture.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resolver } from '../../torrent/private-address.js';
import { writeDurably } from '../../storage/durable-write.js';
import { guardedFetch } from '../sources/guarded-fetch.js';
import { imageTypeOf, type ImageType } from './image-type.js';

export const MAX_ARTWORK_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;
/** A picture that failed is not asked again for this long (a dead host must not be hammered). */
const RETRY_AFTER_MS = 10 * 60 * 1000;
/** Addresses remembered for lazy fetching; far more than any shelf shows. */
const MAX_KNOWN = 200_000;
const KEY = /^[a-f0-9]{32}$/;

export interface ArtworkOptions {
  dir: string;
  allowPrivate: () => boolean;
  timeoutMs?: number;
  maxBytes?: number;
  resolve?: Resolver;
  log?: (line: string) => void;
}

export interface Artwork {
  bytes: Uint8Array;
  contentType: ImageType;
}

export const isFetchableImageUrl = (value: string): boolean => /^https?:\/\//i.test(value);

export class ArtworkCache {
  private readonly known = new Map<string, string>();
  private readonly failedAt = new Map<string, number>();
  private readonly pending = new Map<string, Promise<Artwork | undefined>>();

  constructor(private readonly opts: ArtworkOptions) {}

  /** The key a picture is served under; remembers its address so it can be fetched when asked. */
  keyFor(url: string): string {
    const key = createHash('sha256').update(url).digest('hex').slice(0, 32);
    if (!this.known.has(key)) {
      if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value ?? '');
      this.known.set(key, url);
    }
    return key;
  }

  /** The picture from disk, or fetched now; undefined when unknown, refused or failing. */
  get(key: string): Promise<Artwork | undefined> {
    if (!KEY.test(key)) return Promise.resolve(undefined);
    let running = this.pending.get(key);
    if (!running) {
      running = this.load(key).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }

  private async load(key: string): Promise<Artwork | undefined> {
    const path = join(this.opts.dir, key);
    const onDisk = await readFile(path).catch(() => undefined);
    const diskType = onDisk ? imageTypeOf(onDisk) : undefined;
    if (onDisk && diskType) return { bytes: onDisk, contentType: diskType };
    const url = this.known.get(key);
    if (url === undefined) return undefined;
    const failed = this.failedAt.get(key);
    if (failed !== undefined && Date.now() - failed < RETRY_AFTER_MS) return undefined;
    try {
      const { bytes } = await guardedFetch(url, {
        allowPrivate: this.opts.allowPrivate(),
        maxBytes: this.opts.maxBytes ?? MAX_ARTWORK_BYTES,
        timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif',
        ...(this.opts.resolve ? { resolve: this.opts.resolve } : {}),
      });
      const contentType = imageTypeOf(bytes);
      if (!contentType) throw new Error('it is not a picture this app shows');
      this.failedAt.delete(key);
      await this.save(path, bytes);
      return { bytes, contentType };
    } catch (err) {
      this.failedAt.set(key, Date.now());
      this.opts.log?.(
        `artwork ${key} not fetched: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
  }

  /** A failure to save only costs the next start a fetch. */
  private async save(path: string, bytes: Uint8Array): Promise<void> {
    const temp = `${path}.tmp-${process.pid}-${Date.now()}`;
    try {
      await mkdir(this.opts.dir, { recursive: true });
      await writeDurably(temp, bytes);
      await rename(temp, path);
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
}
