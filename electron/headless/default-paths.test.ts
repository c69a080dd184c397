// Default data folders per system, and the environment switches for loopback test swarms.
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './default-paths.js';
import { engineSwitchesFromEnvironment } from '../host/engine-environment.js';

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
});
