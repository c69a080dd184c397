import { describe, expect, it } from 'vitest';
import { formatChannelLink, parseChannelLink } from './channel-link.js';

const pk = 'Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI';

describe('channel links', () => {
  it('reads back what it writes', () => {
    const link = {
      publicKey: pk,
      origin: 'https://tv.example.org',
      trackers: ['udp://tracker.example.org:6969'],
      name: 'Télé & co',
    };
    expect(parseChannelLink(formatChannelLink(link))).toEqual({ ok: true, link });
  });

  it('refuses malformed links with a reason', () => {
    expect(parseChannelLink('magnet:?xt=urn:btih:abc')).toMatchObject({
      ok: false,
      problem: 'not-a-channel',
    });
    expect(parseChannelLink('essaim-live:?pk=short&origin=https%3A%2F%2Fa.b')).toMatchObject({
      problem: 'bad-key',
    });
    expect(parseChannelLink(`essaim-live:?pk=${pk}`)).toMatchObject({ problem: 'bad-origin' });
    expect(parseChannelLink(`essaim-live:?pk=${pk}&origin=file%3A%2F%2F%2Fetc`)).toMatchObject({
      problem: 'bad-origin',
    });
    expect(
      parseChannelLink(`essaim-live:?pk=${pk}&origin=https%3A%2F%2Fa.b&tr=javascript%3Ax`),
    ).toMatchObject({ problem: 'bad-tracker' });
    expect(parseChannelLink(`essaim-live:?pk=${pk}%E0%A4%A`)).toMatchObject({
      problem: 'not-a-channel',
    });
  });
});
