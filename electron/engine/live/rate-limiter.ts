// A first-come, first-served byte budget (bytes/s) shared by everyone who takes from it: each
// taker waits for its turn, then may send its bytes at once. A taker that went away while waiting
// is skipped without using any of the budget. Used to cap what the broadcaster's origin sends.
interface Waiter {
  urgent: boolean;
  bytes: number;
  gone: () => boolean;
  resolve: (granted: boolean) => void;
}

export class RateLimiter {
  private readonly queue: Waiter[] = [];
  private nextFree = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(public rate: number) {}

  /**
   * Resolves true once `bytes` may be sent, or false if `gone()` turned true while waiting. An
   * urgent taker goes before every taker that is not (but after earlier urgent ones).
   */
  take(bytes: number, gone: () => boolean = () => false, urgent = false): Promise<boolean> {
    if (!(this.rate > 0) || !Number.isFinite(this.rate)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { urgent, bytes, gone, resolve };
      const at = urgent ? this.queue.findIndex((w) => !w.urgent) : -1;
      if (at >= 0) this.queue.splice(at, 0, waiter);
      else this.queue.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const head = this.queue[0] as Waiter;
      if (head.gone()) {
        this.queue.shift();
        head.resolve(false);
        continue;
      }
      const now = Date.now();
      if (this.nextFree > now) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, this.nextFree - now);
        return;
      }
      this.queue.shift();
      this.nextFree = now + (head.bytes / this.rate) * 1000;
      head.resolve(true);
    }
  }
}
