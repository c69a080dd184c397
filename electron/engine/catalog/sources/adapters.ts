// Every source kind the app reads, and how an address with no kind given is recognised: each
// adapter is asked in turn; the product's own catalog format comes last as the fallback.
import type { SourceKind } from '../../../../shared/domain.js';
import { essaimAdapter } from './essaim-adapter.js';
import { archiveAdapter, createArchiveAdapter } from './internet-archive/archive-adapter.js';
import { m3uAdapter } from './m3u/m3u-adapter.js';
import { rssAdapter } from './rss/rss-adapter.js';
import type { SourceAdapter } from './source-adapter.js';
import { stremioAdapter } from './stremio/stremio-adapter.js';

/**
 * In the order they are asked; more specific kinds first ("an archive.org link is not read as a
 * feed"), 'essaim' always last.
 */
export const SOURCE_ADAPTERS: readonly SourceAdapter[] = [
  stremioAdapter,
  archiveAdapter,
  m3uAdapter,
  rssAdapter,
  essaimAdapter,
];

/** The same adapters with the Internet Archive answering at `baseUrl` (undefined = archive.org). */
export function withArchiveAt(
  adapters: readonly SourceAdapter[],
  baseUrl: string | undefined,
): readonly SourceAdapter[] {
  if (baseUrl === undefined) return adapters;
  const moved = createArchiveAdapter({ baseUrl });
  return adapters.map((adapter) => (adapter.kind === 'internet-archive' ? moved : adapter));
}

export function adapterFor(
  kind: SourceKind,
  adapters: readonly SourceAdapter[] = SOURCE_ADAPTERS,
): SourceAdapter | undefined {
  return adapters.find((adapter) => adapter.kind === kind);
}

/** The kind an address looks like, or undefined when no adapter recognises it. */
export function recogniseKind(
  address: string,
  adapters: readonly SourceAdapter[] = SOURCE_ADAPTERS,
): SourceKind | undefined {
  const others = adapters.filter((adapter) => adapter.kind !== 'essaim');
  const fallback = adapters.find((adapter) => adapter.kind === 'essaim');
  for (const adapter of [...others, ...(fallback ? [fallback] : [])]) {
    try {
      if (adapter.recognises(address)) return adapter.kind;
    } catch {
      // a recogniser that trips on odd input simply does not recognise it
    }
  }
  return undefined;
}
