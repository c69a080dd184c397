// The headless bridge address: the page's token, and the id the page gives itself so that the
// host can tell its reconnects (which keep its playback) from a new page (which does not).
import { describe, expect, it } from 'vitest';
import { headlessBridgeUrl } from './select-bridge';

const page = { protocol: 'http:', host: '127.0.0.1:4000', search: '?token=a%2Bb' };

describe('headlessBridgeUrl', () => {
  it('carries the token and the window id', () => {
    expect(headlessBridgeUrl(page, '0123abcd0123abcd')).toBe(
      'ws://127.0.0.1:4000/bridge?token=a%2Bb&window=0123abcd0123abcd',
    );
  });

  it('uses wss for an https page and leaves the id out when there is none', () => {
    expect(headlessBridgeUrl({ ...page, protocol: 'https:' })).toBe(
      'wss://127.0.0.1:4000/bridge?token=a%2Bb',
    );
  });
});
