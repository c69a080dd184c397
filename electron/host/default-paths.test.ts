// Default data folders per system, and the environment switches for loopback test swarms.
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from './default-paths.js';
import { engineSwitchesFromEnvironment } from './engine-environment.js';

describe('defaultDataDir', () => {
  it('uses ~/.local/share/essaim on Linux, or XDG_DATA_HOME when it is absolute', () => {
    expect(defaultDataDir({ platform: 'linux', home: '/home/ana', env: {} })).toBe(
      '/home/ana/.local/share/essaim',
    );
    expect(
      defaultDataDir({ platform: 'linux', home: '/home/ana', env: { XDG_DATA_HOME: '/data' } }),
    ).toBe('/data/essaim');
    // A relative XDG value is invalid by the specification and would depend on the current folder.
    expect(
      defaultDataDir({ platform: 'linux', home: '/home/ana', env: { XDG_DATA_HOME: 'rel' } }),
    ).toBe('/home/ana/.local/share/essaim');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', home: '/Users/ana', env: {} })).toBe(
      '/Users/ana/Library/Application Support/Essaim',
    );
    expect(defaultDataDir({ platform: 'win32', home: '/h', env: { APPDATA: '/roaming' } })).toMatch(
      /roaming.Essaim$/,
    );
  });
});

describe('resolveDataDir', () => {
  const linux = { platform: 'linux' as const, home: '/home/ana', env: {}, cwd: '/work' };

  it('is the default folder when no --data-dir is given, for the desktop app and headless alike', () => {
    // Not Electron's own userData folder (~/.config/Essaim): the README's folder, for both hosts.
    expect(resolveDataDir(undefined, linux)).toBe('/home/ana/.local/share/essaim');
  });

  it('makes a --data-dir absolute from the folder the app started in', () => {
    expect(resolveDataDir('data', linux)).toBe('/work/data');
    expect(resolveDataDir('./a/../b', linux)).toBe('/work/b');
    expect(resolveDataDir('/srv/essaim', linux)).toBe('/srv/essaim');
  });
});

describe('engineSwitchesFromEnvironment', () => {
  it('turns nothing on by default or for values other than 1', () => {
    expect(engineSwitchesFromEnvironment({})).toEqual({});
    expect(
      engineSwitchesFromEnvironment({ ESSAIM_ALLOW_PRIVATE_ADDRESSES: 'true', ESSAIM_NO_DHT: '' }),
    ).toEqual({});
  });

  it('maps each variable to its engine option', () => {
    expect(
      engineSwitchesFromEnvironment({
        ESSAIM_ALLOW_PRIVATE_ADDRESSES: '1',
        ESSAIM_NO_DHT: '1',
        ESSAIM_NO_BUILTIN_CATALOG: '1',
      }),
    ).toEqual({ allowPrivateAddresses: true, dht: false, lsd: false, builtInCatalogPath: null });
  });

  it('points the Internet Archive at a test server only for a plain http(s) origin', () => {
    expect(
      engineSwitchesFromEnvironment({ ESSAIM_INTERNET_ARCHIVE_URL: 'http://127.0.0.1:8080/' }),
    ).toEqual({ internetArchiveUrl: 'http://127.0.0.1:8080' });
    for (const bad of ['file:///tmp', 'http://x/path', 'javascript:alert(1)', 'http://a b', '']) {
      expect(engineSwitchesFromEnvironment({ ESSAIM_INTERNET_ARCHIVE_URL: bad })).toEqual({});
    }
  });
});
