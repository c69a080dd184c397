// What the source registry is given (where to save, what to read, whom to tell) and what it hands
// to details and play options. Shapes only.
import { join } from 'node:path';
import type { SourceState, Title } from '../../../../shared/domain.js';
import type { Resolver } from '../../torrent/private-address.js';
import type { SourceAdapter, SourceContext } from './source-adapter.js';

/** Sources are read again this often while the app runs (and on demand). */
export const DEFAULT_REFRESH_EVERY_MS = 6 * 60 * 60 * 1000;

export interface SourceRegistryOptions {
  /** where sources.json lives; undefined = nothing is saved (one-off loads) */
  dataDir?: string;
  /** where last good copies are kept; undefined = none */
  cacheDir?: string;
  /** the shipped catalog (a file path), or null for none */
  builtIn: string | null;
  /** --catalog addresses, in order; used for this run only */
  commandLine: readonly string[];
  allowPrivate: () => boolean;
  adapters?: readonly SourceAdapter[];
  timeoutMs?: number;
  resolve?: Resolver;
  /** 0 = never on a timer */
  refreshEveryMs?: number;
  log?: (line: string) => void;
  /** the shelf changed: the window asks catalog:get again */
  onCatalog?: () => void;
  onSources?: (states: SourceState[]) => void;
  /** a notice for the user, in plain words (sources.json damaged) */
  onNotice?: (message: string) => void;
}

export interface TitleResolver {
  title: Title;
  address: string;
  adapter: SourceAdapter;
  context: SourceContext;
}

/** A source that answers search words itself (catalog:search asks each of them). */
export interface SourceSearcher {
  sourceId: string;
  /** what the user knows it by: its own name once read, else its address */
  name: string;
  address: string;
  adapter: SourceAdapter;
  context: SourceContext;
}

export const sourcesCacheDir = (dataDir: string): string => join(dataDir, 'catalog-cache');
