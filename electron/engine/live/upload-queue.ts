// Sends segment data to neighbours within an upload budget (bytes/s), chunk by chunk, oldest
// request first. It refuses a request at once when the queue is already longer than it can send
// in time, so the asker turns to another peer instead of waiting. It never sends past a cancel.
import { CHUNK_BYTES, type LivePeer } from './live-wire.js';

interface Job {
  peer: LivePeer;
  id: number;
  data: Uint8Array;
  offset: number;
}

/** A queue holding more than this many seconds of sending is "busy". */
const MAX_QUEUE_SECONDS = 1.5;

export class UploadQueue {
  private readonly jobs: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private tokens = 0;
  private last = Date.now();
  /** bytes of segment data sent */
  sent = 0;

  /** `rate` in bytes/s: 0 = share nothing, Infinity = no cap */
  constructor(private rate: number) {}

  setRate(rate: number): void {
    this.rate = rate;
    if (rate <= 0) this.jobs.length = 0;
    this.pump();
  }

  get sharing(): boolean {
    return this.rate > 0;
  }

  /** false when the request was refused (not sharing, or too busy to send it in time) */
  offer(peer: LivePeer, id: number, data: Uint8Array, from = 0): boolean {
    if (this.rate <= 0) return false;
    if (this.jobs.some((j) => j.peer === peer && j.id === id)) return true;
    const queued = this.jobs.reduce((sum, j) => sum + j.data.byteLength - j.offset, 0);
    if (Number.isFinite(this.rate) && queued > this.rate * MAX_QUEUE_SECONDS) return false;
    if (from >= data.byteLength) return false;
    this.jobs.push({ peer, id, data, offset: from });
    this.pump();
    return true;
  }

  cancel(peer: LivePeer, id?: number): void {
    for (let i = this.jobs.length - 1; i >= 0; i--) {
      const job = this.jobs[i];
      if (job && job.peer === peer && (id === undefined || job.id === id)) this.jobs.splice(i, 1);
    }
  }

  close(): void {
    this.jobs.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.timer) return;
    const now = Date.now();
    // at most a quarter second of credit, so an idle spell cannot turn into a burst
    this.tokens = Math.min(
      this.tokens + ((now - this.last) / 1000) * this.rate,
      Math.max(this.rate / 4, CHUNK_BYTES),
    );
    this.last = now;
    while (this.jobs.length > 0) {
      const job = this.jobs[0] as Job;
      if (job.peer.closed) {
        this.jobs.shift();
        continue;
      }
      const size = Math.min(CHUNK_BYTES, job.data.byteLength - job.offset);
      if (Number.isFinite(this.rate) && this.tokens < size) {
        const waitMs = Math.max(5, ((size - this.tokens) / this.rate) * 1000);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, waitMs);
        return;
      }
      this.tokens -= size;
      const chunk = job.data.subarray(job.offset, job.offset + size);
      job.peer.send({
        t: 'data',
        id: job.id,
        off: job.offset,
        total: job.data.byteLength,
        data: chunk,
      });
      job.offset += size;
      this.sent += size;
      if (job.offset >= job.data.byteLength) this.jobs.shift();
    }
  }
}
