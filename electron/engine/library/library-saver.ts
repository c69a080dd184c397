// When the library reaches the disk: changes are grouped into one write, writes go one after
// another, and a failed write is retried with back-off while every change stays in memory.
// Never writes anything but through writeAtomically, so a failure cannot damage the last good copy.
import type { CodedError } from '../../../shared/errors.js';
import type { DurableWriter } from '../storage/durable-write.js';
import { toStorageError, writeAtomically } from './library-file.js';

export type SaveReport =
  /** `attempt` counts the failures in a row; the next try comes after `retryInMs` */
  | { kind: 'failed'; error: CodedError; attempt: number; retryInMs: number }
  /** the first save that worked after `failures` failed ones: everything is on disk again */
  | { kind: 'saved-again'; failures: number }
  /** the last attempt, on close, failed: the changes since the last good save are lost */
  | { kind: 'unsaved-at-close'; error: CodedError };

export interface SaveOptions {
  /** told of every failed save, of the first one that works again, and of a loss at close */
  onReport?: (report: SaveReport) => void;
  /** the disk writer; tests hand in one whose disk is full */
  write?: DurableWriter;
  /** the wait before the first retry, doubled after each failure up to `retryMaxMs` */
  retryFirstMs?: number;
  retryMaxMs?: number;
}

/** The first change starts this timer and everything until it fires goes in one write. */
const SAVE_DELAY_MS = 500;
const RETRY_FIRST_MS = 2_000;
/** A disk that stays full is tried once a minute: often enough to notice space was freed. */
const RETRY_MAX_MS = 60_000;

export class LibrarySaver {
  /** Counters of changes: made so far, covered by the latest write asked for, known on disk. */
  private changes = 0;
  private queued = 0;
  private saved = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    /** the library as it must be written now */
    private readonly snapshot: () => string,
    private readonly options: SaveOptions = {},
  ) {}

  changed(): void {
    this.changes++;
    this.schedule();
  }

  /** Writes pending changes now; resolves once everything changed so far is on disk. */
  flush(): Promise<void> {
    this.clearTimers();
    if (this.changes > this.queued) {
      const upTo = (this.queued = this.changes);
      const text = this.snapshot();
      // each write waits for the one before, and carries the state as it was when asked for
      const write = this.writing
        .catch(() => undefined)
        .then(() => writeAtomically(this.dataDir, text, this.options.write));
      // registered before any caller's await, so a caller sees the outcome already accounted for
      write.then(
        () => this.succeeded(upTo),
        (err: unknown) => this.failed(upTo, err),
      );
      this.writing = write;
    }
    return this.writing;
  }

  /** A last attempt; if it fails, it is reported and the error is passed on. */
  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.flush();
    } catch (err) {
      this.options.onReport?.({
        kind: 'unsaved-at-close',
        error: toStorageError(err, this.dataDir),
      });
      throw err;
    }
  }

  private succeeded(upTo: number): void {
    this.saved = Math.max(this.saved, upTo);
    if (this.failures === 0) return;
    const failures = this.failures;
    this.failures = 0;
    this.options.onReport?.({ kind: 'saved-again', failures });
  }

  private failed(upTo: number, err: unknown): void {
    // a later write already on its way carries these changes too: its outcome is the one that counts
    if (this.queued > upTo) return;
    this.failures++;
    this.queued = this.saved;
    if (this.closed) return; // close() says it once, with the last error
    const retryInMs = Math.min(
      (this.options.retryFirstMs ?? RETRY_FIRST_MS) * 2 ** (this.failures - 1),
      this.options.retryMaxMs ?? RETRY_MAX_MS,
    );
    const error = toStorageError(err, this.dataDir);
    this.options.onReport?.({ kind: 'failed', error, attempt: this.failures, retryInMs });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.flush().catch(() => undefined); // reported by failed()
    }, retryInMs);
    // a pending retry must not keep a process alive that is otherwise done
    this.retryTimer.unref();
  }

  private schedule(): void {
    // a retry that is waiting takes this change with it, without cutting its back-off short
    if (this.timer || this.retryTimer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined); // reported by failed()
    }, SAVE_DELAY_MS);
  }

  private clearTimers(): void {
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.retryTimer = undefined;
  }
}
