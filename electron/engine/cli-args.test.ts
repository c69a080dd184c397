// The command line as the OS may hand it over: known options, one thing to open, nothing else.
import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli-args.js';

const HASH = '08ada5a7a6183aae1e09d831df6748d566095a10';
const MAGNET = `magnet:?xt=urn:btih:${HASH}&dn=Sintel&tr=wss%3A%2F%2Ftracker.openwebtorrent.com`;

describe('parseArgs', () => {
  it('opens a channel link, and refuses a malformed one', () => {
    const link =
      'essaim-live:?pk=Bn4KQnZKzZ6T3NlNMI8FqoGXFF2LAVjIektxxD1YmeI&origin=https%3A%2F%2Ftv.example.org';
    expect(parseArgs([link])).toEqual({ open: link, catalogs: [], errors: [] });
    const bad = parseArgs(['essaim-live:?pk=nope&origin=https%3A%2F%2Ftv.example.org']);
    expect(bad.open).toBeUndefined();
    expect(bad.errors[0]).toMatch(/cannot be opened/);
  });

  it('reads nothing from an empty command line', () => {
    expect(parseArgs([])).toEqual({ catalogs: [], errors: [] });
  });

  it('reads every option, with a space or an equals sign', () => {
    expect(
      parseArgs([
        '--data-dir',
        '/home/me/Essaim',
        '--catalog=https://example.org/films.json',
        '--catalog',
        './more films.json',
        '--port=8080',
        '--host',
        '127.0.0.1',
        MAGNET,
      ]),
    ).toEqual({
      open: MAGNET,
      dataDir: '/home/me/Essaim',
      catalogs: ['https://example.org/films.json', './more films.json'],
      port: 8080,
      host: '127.0.0.1',
      errors: [],
    });
    expect(parseArgs(['--data-dir=C:\\Users\\me\\Essaim']).dataDir).toBe('C:\\Users\\me\\Essaim');
    expect(parseArgs(['--host=[::1]', '--port', '0'])).toMatchObject({ host: '[::1]', port: 0 });
  });

  it.each([
    MAGNET,
    HASH,
    HASH.toUpperCase(),
    'BCW2LJ5GDA5K4HQJ3AY56Z2I2VTASWQQ',
    'https://webtorrent.io/torrents/sintel.torrent',
    'http://example.org/get/film.TORRENT?id=3',
    '/home/me/Downloads/Sintel.torrent',
    'C:\\Users\\me\\Downloads\\Sintel.torrent',
    'relative/film.torrent',
  ])('opens %s', (arg) => {
    expect(parseArgs([arg])).toEqual({ open: arg, catalogs: [], errors: [] });
  });

  it('ignores options added by Chromium, Electron or the OS', () => {
    const result = parseArgs([
      '--allow-file-access-from-files',
      '--inspect=9229',
      '--remote-debugging-port=0',
      '--no-sandbox',
      '--',
      MAGNET,
    ]);
    expect(result).toEqual({ open: MAGNET, catalogs: [], errors: [] });
  });

  it.each([
    ['an unknown word', 'hello'],
    ['a web page', 'https://example.org/page.html'],
    ['another scheme', 'file:///home/me/film.torrent'],
    ['a script scheme', 'javascript:alert(1)'],
    ['a video file', '/home/me/film.mp4'],
    ['a short option', '-x'],
    ['a bad magnet', 'magnet:?xt=urn:btih:1234'],
    ['a magnet with broken escapes', `magnet:?xt=urn:btih:${HASH}&dn=%E0%A4%A`],
    ['control characters', 'film\n.torrent'],
    ['an endless path', `${'a/'.repeat(3000)}x.torrent`],
  ])('refuses %s in plain words', (_label, arg) => {
    const result = parseArgs([arg]);
    expect(result.open).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/cannot be opened/);
    expect(result.errors[0]).not.toMatch(/[\n\r]/);
  });

  it('opens only one thing', () => {
    const result = parseArgs([HASH, MAGNET]);
    expect(result.open).toBe(HASH);
    expect(result.errors).toEqual([
      'Only one thing can be opened at a time; the extra one was ignored.',
    ]);
  });

  it.each([
    [['--data-dir']],
    [['--data-dir=']],
    [['--catalog', '--inspect']],
    [['--port', 'eighty']],
    [['--port=70000']],
    [['--port=-1']],
    [['--port', '80.5']],
    [['--host', 'bad host']],
    [['--host=exa_mple.org']],
    [['--data-dir', 'a\u0000b']],
  ])('reports a bad option value in %j', (argv) => {
    const result = parseArgs(argv);
    expect(result.errors).toHaveLength(1);
    expect(result.dataDir).toBeUndefined();
    expect(result.port).toBeUndefined();
    expect(result.host).toBeUndefined();
    expect(result.catalogs).toEqual([]);
  });

  it('does not swallow the next option when a value is missing', () => {
    const result = parseArgs(['--catalog', '--data-dir', '/tmp/x']);
    expect(result.dataDir).toBe('/tmp/x');
    expect(result.errors).toHaveLength(1);
  });

  it('reads --allow-local-network as a switch that takes no value and swallows nothing', () => {
    expect(parseArgs(['--allow-local-network', MAGNET])).toEqual({
      open: MAGNET,
      allowLocalNetwork: true,
      catalogs: [],
      errors: [],
    });
    expect(parseArgs([]).allowLocalNetwork).toBeUndefined();
    const withValue = parseArgs(['--allow-local-network=no']);
    expect(withValue.allowLocalNetwork).toBeUndefined();
    expect(withValue.errors).toHaveLength(1);
  });
});
