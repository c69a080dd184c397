// A first-come, first-served byte budget (bytes/s) shared by everyone who takes from it: each
// taker waits for its turn. Used to cap what the broadcaster's origin sends.
export class RateLimiter {
  private nextFree = 0;
  constructor(public rate: number) {}

  /** Resolves once `bytes` may be sent; Infinity or 0 rate means no wait. */
  async take(bytes: number): Promise<void> {
    if (!(this.rate > 0) || !Number.isFinite(this.rate)) return;
    const now = Date.now();
    const start = Math.max(now, this.nextFree);
    this.nextFree = start + (bytes / this.rate) * 1000;
    if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
  }
}
