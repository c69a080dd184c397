import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('the origin byte budget', () => {
  it('grants in order, and skips a taker that went away without using its share', async () => {
    const limiter = new RateLimiter(100_000); // 100 kB/s: 10 kB is 100 ms
    const order: string[] = [];
    let secondGone = false;
    const first = limiter.take(10_000).then((ok) => order.push(`first ${ok}`));
    const second = limiter.take(10_000, () => secondGone).then((ok) => order.push(`second ${ok}`));
    const third = limiter.take(10_000).then((ok) => order.push(`third ${ok}`));
    secondGone = true;
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first true', 'second false', 'third true']);
  });

  it('lets a viewer tuning in go before the others waiting', async () => {
    const limiter = new RateLimiter(100_000);
    const order: string[] = [];
    const a = limiter.take(10_000).then(() => order.push('a'));
    const b = limiter.take(10_000).then(() => order.push('b'));
    const c = limiter.take(10_000).then(() => order.push('c'));
    const first = limiter.take(10_000, undefined, true).then(() => order.push('tuning in'));
    await Promise.all([a, b, c, first]);
    // "a" was already granted when the urgent one came; it went next, before "b" and "c"
    expect(order).toEqual(['a', 'tuning in', 'b', 'c']);
  });
});
