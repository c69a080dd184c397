import { describe, expect, it } from 'vitest';
import { median, PlayheadModel } from './playhead-model.js';

const seg = (id: number, exposedAt: number) => ({ id, dur: 2, exposedAt, at: id * 2000 });

describe('the headless stand-in for the player', () => {
  it('plays what is playable in real time and counts a stall when it runs out', () => {
    const model = new PlayheadModel();
    const timeline = [seg(1, 0), seg(2, 0)];
    for (let t = 0; t <= 5000; t += 100) model.sample(t, timeline);
    expect(model.position).toBeCloseTo(4, 5);
    expect(model.stalls).toBe(1);
    expect(model.stalledMs).toBeGreaterThan(900);
    timeline.push(seg(3, 5000));
    for (let t = 5100; t <= 6000; t += 100) model.sample(t, timeline);
    expect(model.position).toBeGreaterThan(4.5);
    expect(model.stalls).toBe(1);
  });

  it('jumps back near the live edge after falling too far behind, as the window player does', () => {
    const model = new PlayheadModel({ syncSegments: 2, maxLagSegments: 6 });
    const timeline = Array.from({ length: 10 }, (_, i) => seg(i + 1, 0));
    model.sample(0, timeline);
    model.sample(100, timeline);
    expect(model.jumps).toBe(1);
    expect(model.position).toBeCloseTo(16.1, 5);
    expect(median([3, 1, 2])).toBe(2);
  });
});
