// The 'essaim' source kind: a catalog file in the product's own format, on the web or on this
// computer. Reads through the guarded context only; keeps no state of its own.
import { SourceError } from '../catalog-source.js';
import { capProblems, checkEntries, parseCatalogText } from './essaim-format.js';
import type { LoadedSource, SourceAdapter } from './source-adapter.js';

/** A .json file on the web or on this computer; other kinds are asked first (see adapters.ts). */
function looksLikeCatalogFile(address: string): boolean {
  const text = address.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      return /\.json$/i.test(new URL(text).pathname);
    } catch {
      return false;
    }
  }
  return /^file:/i.test(text) || text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text);
}

export const essaimAdapter: SourceAdapter = {
  kind: 'essaim',
  recognises: looksLikeCatalogFile,
  async load(address, context): Promise<LoadedSource> {
    const parsed = parseCatalogText(await context.fetchText(address));
    if (!parsed.ok) throw new SourceError(parsed.reason);
    const checked = checkEntries(parsed.file);
    return { ...checked, problems: capProblems(checked.problems, parsed.file.name) };
  },
};
