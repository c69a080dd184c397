// The window's live sessions without a broadcaster: bad links, an origin that is not there, and
// sessions that end with the window that opened them.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LiveStatus } from '../../../shared/domain.js';
import { CodedError } from '../../../shared/errors.js';
import { TorrentClient } from '../torrent/torrent-client.js';
import { LiveSessions } from './live-sessions.js';

const client = new TorrentClient({
  dht: false,
  lsd: false,
  allowPrivateAddresses: true,
  maxConns: 10,
  downloadLimit: 0,
  uploadLimit: 0,
  log: () => {},
});
const statuses: LiveStatus[] = [];
const sessions = new LiveSessions({
  client,
  settings: () => DEFAULT_SETTINGS,
  allowPrivate: () => true,
  liveUrlFor: (id) => `http://127.0.0.1:1/t/live/${id}/index.m3u8`,
  emit: (s) => statuses.push(s),
  log: () => {},
});
// nothing listens on port 9 (discard): the origin cannot be reached
const LINK =
  'essaim-live:?pk=Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI&origin=http%3A%2F%2F127.0.0.1%3A9&dn=Nowhere';

afterAll(async () => {
  sessions.close();
  await client.destroy();
});

describe('live sessions', () => {
  it('refuses a malformed link with a clear error', () => {
    expect(() => sessions.open('essaim-live:?pk=bad')).toThrow(CodedError);
    expect(() => sessions.open('essaim-live:?pk=bad')).toThrow(/key in this channel link/);
  });

  it('says a channel whose origin cannot be reached is off air, without hanging', async () => {
    expect(await sessions.probe([LINK, 'not a link'])).toEqual([
      { link: LINK, state: 'off-air' },
      { link: 'not a link', state: 'off-air' },
    ]);
  });

  it('keeps one channel per window, and ends a window’s channel when the window goes', () => {
    const a = sessions.open(LINK, 'window-a');
    const b = sessions.open(LINK, 'window-b');
    expect(a.name).toBe('Nowhere');
    expect(sessions.playlist(a.sessionId)).toContain('#EXTM3U');
    const a2 = sessions.open(LINK, 'window-a');
    expect(sessions.playlist(a.sessionId)).toBeUndefined(); // replaced by the window's new one
    sessions.stopOwner('window-a');
    expect(sessions.playlist(a2.sessionId)).toBeUndefined();
    expect(sessions.playlist(b.sessionId)).toContain('#EXTM3U');
  });
});
