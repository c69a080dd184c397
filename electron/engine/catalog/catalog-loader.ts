// Builds the shelf once from the built-in catalog and any extra ones (tests, tools): the same
// adapters, guards, last good copies and merge as the source registry, with nothing saved.
import { fileURLToPath } from 'node:url';
import type { CatalogView } from '../../../shared/domain.js';
import { SourceRegistry } from './sources/source-registry.js';

/** The catalog shipped with the app; the build copies the JSON file next to this module. */
export const DEFAULT_CATALOG_PATH = fileURLToPath(
  new URL('./default-catalog.json', import.meta.url),
);

export interface CatalogSources {
  /** The catalog shipped with the app (a file path), or null for none. */
  builtIn: string | null;
  /** Extra sources: file paths or http(s) URLs, in order of preference. */
  extra: string[];
}

export interface CatalogLoadOptions {
  fetchTimeoutMs?: number;
  /** Where the last good copy of each catalog is kept, for when its server is down. */
  cacheDir?: string;
  /** Whether web catalogs on this computer or the local network may be read. */
  allowPrivateAddresses?: boolean;
}

/** Loads every source, then merges them in order: the first entry with an id wins. */
export async function loadCatalogs(
  sources: CatalogSources,
  options: CatalogLoadOptions = {},
): Promise<CatalogView> {
  const registry = new SourceRegistry({
    builtIn: sources.builtIn,
    commandLine: sources.extra,
    allowPrivate: () => options.allowPrivateAddresses ?? false,
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
    ...(options.fetchTimeoutMs !== undefined ? { timeoutMs: options.fetchTimeoutMs } : {}),
  });
  try {
    await registry.refreshAll();
    return registry.view();
  } finally {
    registry.close();
  }
}
