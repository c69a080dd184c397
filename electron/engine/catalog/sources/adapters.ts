// Every source kind the app reads, and how an address with no kind given is recognised: each
// adapter is asked in turn; the product's own catalog format comes last as the fallback.
import type { SourceKind } from '../../../../shared/domain.js';
import { essaimAdapter } from './essaim-adapter.js';
import { m3uAdapter } from './m3u/m3u-adapter.js';
import type { SourceAdapter } from './source-adapter.js';

/** In the order they are asked; more specific kinds first, 'essaim' always last. */
export const SOURCE_ADAPTERS: readonly SourceAdapter[] = [m3uAdapter, essaimAdapter];

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
