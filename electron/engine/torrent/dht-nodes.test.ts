import { describe, expect, it } from 'vitest';
import { parseDhtNodes } from './dht-nodes.js';

describe('DHT nodes to start from', () => {
  it('reads host:port lists', () => {
    expect(parseDhtNodes('127.0.0.1:6881')).toEqual(['127.0.0.1:6881']);
    expect(parseDhtNodes('dht.example.org:6881, [::1]:7000')).toEqual([
      'dht.example.org:6881',
      '[::1]:7000',
    ]);
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      '127.0.0.1',
      '127.0.0.1:0',
      '127.0.0.1:70000',
      'http://a.b:1',
      'a b:1',
      '127.0.0.1:1,',
      Array.from({ length: 17 }, (_, i) => `h${i}:1`).join(','),
      `${'a'.repeat(300)}:1`,
    ]) {
      expect(parseDhtNodes(text), text.slice(0, 40)).toBeUndefined();
    }
  });
});
