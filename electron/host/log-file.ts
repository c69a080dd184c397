// A log file rotated at a size cap (essaim.log, essaim.log.1, essaim.log.2), so it never grows
// without bound. Writes in the background and in order; never throws, not even on a full disk.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LogFileOptions {
  /** no file grows beyond this */
  maxBytes?: number;
  /** how many files are kept, the current one included */
  files?: number;
}

const MAX_BYTES = 1024 * 1024;
const FILES = 3;
/** One line (a long stack trace, say) never takes more than this much of a file. */
const MAX_LINE_BYTES = 16 * 1024;

export class LogFile {
  private readonly maxBytes: number;
  private readonly files: number;
  private path: string | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;
  /** lines lost to a full disk or a missing folder, said in the file once it works again */
  private dropped = 0;
  /** the current file's size; unknown until it is first needed, and after a failure */
  private size: number | undefined;
  private draining: Promise<void> | undefined;
  /** the chunk being appended in the background, until that is done */
  private inFlight: string | undefined;

  constructor(options: LogFileOptions = {}) {
    this.maxBytes = options.maxBytes ?? MAX_BYTES;
    // one file alone could only be rotated by emptying it: at least one older copy is kept
    this.files = Math.max(2, options.files ?? FILES);
  }

  /** Where the log goes from now on; lines written before are kept for it. */
  useFile(path: string): void {
    this.path = path;
    this.size = undefined;
    this.kick();
  }

  write(message: string): void {
    const line = this.cut(`${new Date().toISOString()} ${message}\n`);
    const bytes = Buffer.byteLength(line);
    // memory stays bounded while the disk cannot keep up or the file is not known yet; half a
    // file at most, so what is pending always fits in a fresh file with room to spare
    if (this.pendingBytes + bytes > this.maxBytes / 2) {
      this.dropped++;
      return;
    }
    this.pending.push(line);
    this.pendingBytes += bytes;
    this.kick();
  }

  /** Resolves once everything written so far is in the file (or was lost to a failing disk). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** At process exit, when nothing asynchronous runs any more: writes what is left, blocking. */
  flushSync(): void {
    if (this.path === undefined) return;
    // a background append cut short by the exit may or may not have landed: a line written twice
    // is better than a last line lost, which is often the one that says why the app stopped
    const chunk = (this.inFlight ?? '') + (this.pending.length > 0 ? this.take() : '');
    this.inFlight = undefined;
    if (chunk === '') return;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const size = statSync(this.path, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + Buffer.byteLength(chunk) > this.maxBytes) {
        for (const [from, to] of this.rotations()) {
          try {
            renameSync(from, to);
          } catch {
            // that copy does not exist yet
          }
        }
      }
      appendFileSync(this.path, chunk);
    } catch {
      // the disk is full or gone: the process is leaving anyway
    }
  }

  private kick(): void {
    if (this.draining || this.path === undefined || this.pending.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      this.kick(); // lines written during the last append
    });
  }

  private async drain(): Promise<void> {
    while (this.path !== undefined && this.pending.length > 0) {
      const chunk = (this.inFlight = this.take());
      try {
        await this.append(this.path, chunk);
        this.inFlight = undefined;
      } catch {
        this.inFlight = undefined;
        // a full disk or a missing folder costs these lines, never the app; said once it works again
        this.dropped += chunk.split('\n').length - 1;
        this.size = undefined;
        return;
      }
    }
  }

  /** Everything pending as one string, led by a word on lines lost before, if any. */
  private take(): string {
    const lost = this.dropped;
    this.dropped = 0;
    const note = lost > 0 ? [`${new Date().toISOString()} (${lost} log lines were lost)\n`] : [];
    const chunk = [...note, ...this.pending].join('');
    this.pending = [];
    this.pendingBytes = 0;
    return chunk;
  }

  private async append(path: string, chunk: string): Promise<void> {
    const bytes = Buffer.byteLength(chunk);
    if (this.size === undefined) {
      await mkdir(dirname(path), { recursive: true });
      this.size = await stat(path).then(
        (s) => s.size,
        () => 0,
      );
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      for (const [from, to] of this.rotations()) {
        await rename(from, to).catch(() => undefined); // that copy does not exist yet
      }
      this.size = 0;
    }
    await appendFile(path, chunk);
    this.size += bytes;
  }

  /** essaim.log.1 -> .2, then essaim.log -> .1: the oldest copy is overwritten. */
  private rotations(): Array<[string, string]> {
    const path = this.path ?? '';
    const moves: Array<[string, string]> = [];
    for (let n = this.files - 1; n >= 1; n--) {
      moves.push([n === 1 ? path : `${path}.${n - 1}`, `${path}.${n}`]);
    }
    return moves;
  }

  private cut(line: string): string {
    const limit = Math.min(MAX_LINE_BYTES, Math.floor(this.maxBytes / 4));
    if (Buffer.byteLength(line) <= limit) return line;
    return `${Buffer.from(line)
      .subarray(0, limit - 8)
      .toString()} (cut)\n`;
  }
}
