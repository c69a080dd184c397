// A catalog entry's name and synopsis in the window's language, when the catalog has them;
// otherwise the entry's own text. Each field falls back on its own.
import type { CatalogTranslation } from '../../../shared/domain';

interface Translatable {
  name: string;
  synopsis?: string;
  translations?: Record<string, CatalogTranslation>;
}

export function catalogText(
  entry: Translatable,
  language: string,
): { name: string; synopsis?: string } {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? '';
  // an own property only: a catalog's "constructor" or "__proto__" key is never looked up
  const own = entry.translations && Object.hasOwn(entry.translations, base);
  const translated = own ? entry.translations?.[base] : undefined;
  const synopsis = translated?.synopsis ?? entry.synopsis;
  return {
    name: translated?.name ?? entry.name,
    ...(synopsis !== undefined ? { synopsis } : {}),
  };
}
