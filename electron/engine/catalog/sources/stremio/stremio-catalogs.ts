// Reads an add-on's film and series catalogs page by page (`skip`, 100 a page), within caps so a
// catalog that never ends (or repeats itself) cannot keep the app busy. Leaves out, and says so,
// the catalogs this app does not show (channels, TV) and those that need a search word.
import type { CatalogProblem, Title } from '../../../../../shared/domain.js';
import { SourceError } from '../../catalog-source.js';
import type { SourceContext } from '../source-adapter.js';
import { resourceUrl, type ExtraArgs } from './stremio-address.js';
import { mapMeta, type StremioType } from './stremio-meta.js';
import { parseJson } from './stremio-json.js';
import {
  catalogAnswerSchema,
  readManifestCatalog,
  type Manifest,
  type ManifestCatalog,
} from './stremio-schemas.js';

export const PAGE_SIZE = 100;
export const MAX_PAGES = 20;
export const MAX_TITLES_PER_CATALOG = 2000;
const MAX_PAGE_BYTES = 8 * 1024 * 1024;
/** Per catalog, at most this many entries are named in problems; the rest are counted. */
const MAX_NAMED_PROBLEMS = 5;

export interface CatalogsRead {
  titles: Title[];
  problems: CatalogProblem[];
  /** catalogs that answer a search word (their `search` extra is required) */
  searchCatalogs: ManifestCatalog[];
}

const isShown = (type: string): type is StremioType => type === 'movie' || type === 'series';

function extrasOf(catalog: ManifestCatalog): { required: string[]; genreOptions: string[] } {
  const required = new Set(catalog.extraRequired ?? []);
  let genreOptions = catalog.genres ?? [];
  for (const extra of catalog.extra ?? []) {
    if (extra.isRequired) required.add(extra.name);
    if (extra.name === 'genre' && extra.options?.length) genreOptions = extra.options;
  }
  return { required: [...required], genreOptions };
}

export async function readCatalogs(
  base: string,
  manifest: Manifest,
  context: SourceContext,
): Promise<CatalogsRead> {
  const titles = new Map<string, Title>();
  const problems: CatalogProblem[] = [];
  const searchCatalogs: ManifestCatalog[] = [];
  const left = (catalog: string, message: string) => problems.push({ catalog, message });

  for (const [index, raw] of manifest.catalogs.entries()) {
    const catalog = readManifestCatalog(raw);
    if (!catalog) {
      left(`catalog ${index + 1}`, 'This catalog entry could not be read and was left out.');
      continue;
    }
    const label = catalog.name ?? catalog.id;
    if (!isShown(catalog.type)) {
      left(
        label,
        `Catalogs of type "${catalog.type.slice(0, 40)}" are left out: only films and series are read.`,
      );
      continue;
    }
    const { required, genreOptions } = extrasOf(catalog);
    if (required.includes('search')) {
      searchCatalogs.push(catalog);
      continue;
    }
    // a required genre is answered with its first option, as Stremio's own apps do
    const fixed: ExtraArgs = {};
    const unknown = required.filter((name) => name !== 'genre' && name !== 'skip');
    if (unknown.length > 0 || (required.includes('genre') && !genreOptions[0])) {
      left(label, 'This catalog needs a choice this app does not make and was left out.');
      continue;
    }
    if (required.includes('genre') && genreOptions[0]) fixed['genre'] = genreOptions[0];

    try {
      await readPages(base, catalog, catalog.type, fixed, manifest.id, context, titles, (m) =>
        left(label, m),
      );
    } catch (err) {
      left(
        label,
        `This catalog could not be read: ${err instanceof Error ? err.message : String(err)}.`,
      );
    }
  }
  return { titles: [...titles.values()], problems, searchCatalogs };
}

async function readPages(
  base: string,
  catalog: ManifestCatalog,
  type: StremioType,
  fixed: ExtraArgs,
  addonId: string,
  context: SourceContext,
  titles: Map<string, Title>,
  problem: (message: string) => void,
): Promise<void> {
  let taken = 0;
  let badEntries = 0;
  const seenHere = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const extra: ExtraArgs = page === 0 ? fixed : { ...fixed, skip: String(page * PAGE_SIZE) };
    const url = resourceUrl(base, 'catalog', type, catalog.id, extra);
    const answer = catalogAnswerSchema.safeParse(
      parseJson(await context.fetchText(url, { maxBytes: MAX_PAGE_BYTES })),
    );
    if (!answer.success) throw new Error('the add-on did not answer with a list of titles');
    const metas = answer.data.metas;
    let fresh = 0;
    for (const raw of metas) {
      if (taken >= MAX_TITLES_PER_CATALOG) break;
      const mapped = mapMeta(raw, {
        addonId,
        type,
        allowLocal: context.allowLocalNetwork(),
        full: false,
      });
      if (!mapped.title) {
        badEntries += 1;
        if (badEntries <= MAX_NAMED_PROBLEMS)
          problem(`An entry was left out: ${mapped.problem ?? 'it could not be read'}.`);
        continue;
      }
      if (seenHere.has(mapped.title.id)) continue;
      seenHere.add(mapped.title.id);
      taken += 1;
      fresh += 1;
      // the same title in two catalogs ("Popular", "New") is one title on the shelf
      if (!titles.has(mapped.title.id)) titles.set(mapped.title.id, mapped.title);
    }
    if (taken >= MAX_TITLES_PER_CATALOG) {
      problem(`Only the first ${MAX_TITLES_PER_CATALOG} titles of this catalog are shown.`);
      break;
    }
    // fewer than a page is the last page; a page of nothing new means `skip` is not understood
    if (metas.length < PAGE_SIZE || fresh === 0) break;
    if (page === MAX_PAGES - 1)
      problem(`Only the first ${MAX_PAGES} pages of this catalog are read.`);
  }
  if (badEntries > MAX_NAMED_PROBLEMS)
    problem(`${badEntries - MAX_NAMED_PROBLEMS} more entries were left out for the same reasons.`);
}

const MAX_SEARCH_RESULTS = 100;

/** Every film and series catalog that answers a search word (required or offered), in order. */
export function searchableCatalogs(manifest: Manifest): ManifestCatalog[] {
  return manifest.catalogs
    .map(readManifestCatalog)
    .filter((c): c is ManifestCatalog => c !== undefined && isShown(c.type))
    .filter((c) => c.extra?.some((e) => e.name === 'search') ?? false);
}

/**
 * One search across the add-on's search catalogs; a catalog that fails is skipped, but when every
 * one fails the add-on is said to have failed (not to have found nothing).
 */
export async function searchCatalogs(
  base: string,
  manifest: Manifest,
  query: string,
  context: SourceContext,
): Promise<Title[]> {
  const found = new Map<string, Title>();
  const catalogs = searchableCatalogs(manifest);
  const failures: string[] = [];
  for (const catalog of catalogs) {
    const type = catalog.type as StremioType;
    try {
      const url = resourceUrl(base, 'catalog', type, catalog.id, { search: query });
      const answer = catalogAnswerSchema.safeParse(
        parseJson(await context.fetchText(url, { maxBytes: MAX_PAGE_BYTES })),
      );
      if (!answer.success) throw new SourceError('the add-on did not answer with a list of titles');
      for (const raw of answer.data.metas.slice(0, MAX_SEARCH_RESULTS)) {
        const allowLocal = context.allowLocalNetwork();
        const { title } = mapMeta(raw, { addonId: manifest.id, type, allowLocal, full: false });
        if (title && !found.has(title.id)) found.set(title.id, title);
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      failures.push(reason);
      context.log(`search in ${catalog.id} failed: ${reason}`);
    }
  }
  if (catalogs.length > 0 && failures.length === catalogs.length)
    throw new SourceError(failures[0] ?? 'the add-on did not answer');
  return [...found.values()];
}
