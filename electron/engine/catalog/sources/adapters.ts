// Every source kind the app reads, in the order they are asked when an address comes with no kind.
// Adapters are stateless; only the Internet Archive's address can be moved (tests' recorded answer).
import { archiveAdapter, createArchiveAdapter } from './internet-archive/archive-adapter.js';
import { rssAdapter } from './rss/rss-adapter.js';
import type { SourceAdapter } from './source-adapter.js';

/** More specific kinds first: an archive.org link is not read as a feed. */
export const SOURCE_ADAPTERS: readonly SourceAdapter[] = [archiveAdapter, rssAdapter];

/** The same adapters with the Internet Archive answering at `baseUrl` (undefined = archive.org). */
export function withArchiveAt(
  adapters: readonly SourceAdapter[],
  baseUrl: string | undefined,
): readonly SourceAdapter[] {
  if (baseUrl === undefined) return adapters;
  const moved = createArchiveAdapter({ baseUrl });
  return adapters.map((adapter) => (adapter.kind === 'internet-archive' ? moved : adapter));
}
