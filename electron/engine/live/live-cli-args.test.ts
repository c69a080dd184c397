import { describe, expect, it } from 'vitest';
import { parseBroadcastArgs, parseRate, parseViewerArgs } from './live-cli-args.js';

const LINK =
  'essaim-live:?pk=Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI&origin=https%3A%2F%2Ftv.example.org';

describe('the broadcaster and viewer command lines', () => {
  it('reads a broadcast command', () => {
    const { args, errors } = parseBroadcastArgs([
      'film.mp4',
      '--name',
      'My channel',
      '--loop',
      '--upload-limit=300k',
      '--public-url',
      'https://tv.example.org/',
    ]);
    expect(errors).toEqual([]);
    expect(args).toMatchObject({
      input: 'film.mp4',
      name: 'My channel',
      loop: true,
      uploadLimit: 300 * 1024,
      publicUrl: 'https://tv.example.org',
      host: '127.0.0.1',
      segmentSeconds: 2,
    });
  });

  it('explains what is wrong instead of starting', () => {
    expect(parseBroadcastArgs([]).errors.join(' ')).toMatch(/Give one input.*name/);
    expect(parseBroadcastArgs(['a', '--name', 'x', '--upload-limit', 'fast']).errors[0]).toMatch(
      /upload-limit/,
    );
    expect(parseBroadcastArgs(['a', '--name', 'x', '--public-url', 'ftp://x']).errors[0]).toMatch(
      /public-url/,
    );
    expect(parseBroadcastArgs(['a', '--name', 'x', '--bogus']).errors[0]).toMatch(/Unknown option/);
  });

  it('reads a viewer command and refuses a malformed link', () => {
    expect(parseViewerArgs([LINK, '--duration', '10', '--json', '--no-share']).args).toMatchObject({
      durationSeconds: 10,
      json: true,
      uploadLimit: 0,
      profile: 'standard',
    });
    expect(parseViewerArgs(['essaim-live:?pk=x']).errors[0]).toMatch(/key/);
    expect(parseViewerArgs([LINK, '--profile', 'fastest']).errors[0]).toMatch(/profile/);
    expect(parseRate('2M')).toBe(2 * 1024 * 1024);
    expect(parseRate('soon')).toBeUndefined();
  });
});
