// The engine as tests and the benchmark run it: on a loopback swarm (private addresses allowed,
// no DHT or local discovery, which would reach beyond the test's own tracker), no built-in catalog.
import { createEngine } from '../engine.js';
import type { Engine, EngineOptions } from '../engine-api.js';

export const LOOPBACK_OPTIONS = {
  builtInCatalogPath: null,
  allowPrivateAddresses: true,
  dht: false,
  lsd: false,
} as const satisfies Partial<EngineOptions>;

export function createLoopbackEngine(
  dataDir: string,
  extra: Partial<EngineOptions> = {},
): Promise<Engine> {
  return createEngine({ dataDir, ...LOOPBACK_OPTIONS, ...extra });
}
