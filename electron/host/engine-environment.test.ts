import { describe, expect, it } from 'vitest';
import { engineSwitchesFromEnvironment } from './engine-environment.js';

describe('engine switches from the environment', () => {
  it('takes the nodes of a private DHT only when the whole list is valid', () => {
    expect(
      engineSwitchesFromEnvironment({ ESSAIM_DHT_BOOTSTRAP: '127.0.0.1:6881' }).dhtBootstrap,
    ).toEqual(['127.0.0.1:6881']);
    expect(engineSwitchesFromEnvironment({ ESSAIM_DHT_BOOTSTRAP: 'nope' })).toEqual({});
    expect(engineSwitchesFromEnvironment({})).toEqual({});
  });
});
