// Builds the shelf from the built-in catalog and any extra ones: each entry checked on its own,
// sources merged by id. Never throws and never empties the shelf because one source is broken.
import { fileURLToPath } from 'node:url';
import { catalogFileSchema, type CatalogFile } from '../../../shared/catalog-schema.js';
import {
  catalogTranslationsSchema,
  channelSchema,
  titleSchema,
  type CatalogProblem,
  type CatalogView,
  type Channel,
  type Title,
} from '../../../shared/domain.js';
import { parseChannelLink } from '../../../shared/channel-link.js';
import { parseOpenInput } from '../../../shared/open-input.js';
import {
  SourceError,
  isWebSource,
  readCachedCopy,
  readSource,
  saveCachedCopy,
} from './catalog-source.js';

/** The catalog shipped with the app; the build copies the JSON file next to this module. */
export const DEFAULT_CATALOG_PATH = fileURLToPath(
  new URL('./default-catalog.json', import.meta.url),
);

export interface CatalogSources {
  /** The catalog shipped with the app (a file path), or null for none. */
  builtIn: string | null;
  /** Added by the user with --catalog: file paths or http(s) URLs, in order of preference. */
  extra: string[];
}

export interface CatalogLoadOptions {
  fetchTimeoutMs?: number;
  /** Where the last good copy of each web catalog is kept, for when its server is down. */
  cacheDir?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** A catalog full of broken entries gets a summary instead of thousands of rows. */
const MAX_PROBLEMS_PER_CATALOG = 50;

interface Checked {
  name: string;
  titles: Title[];
  channels: Channel[];
  problems: CatalogProblem[];
}

type Parsed = { ok: true; file: CatalogFile } | { ok: false; reason: string };

export function parseCatalogText(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  const parsed = catalogFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, file: parsed.data };
  const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (fields.format !== 'essaim-catalog') {
    return {
      ok: false,
      reason: 'it is not an Essaim catalog (its "format" is not "essaim-catalog")',
    };
  }
  if (fields.version !== 1) {
    return {
      ok: false,
      reason: 'it uses a catalog format version this version of Essaim does not know',
    };
  }
  return {
    ok: false,
    reason: `it is not laid out as a catalog (${describeIssue(parsed.error.issues)})`,
  };
}

function describeIssue(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const issue = issues[0];
  if (!issue) return 'unknown problem';
  const where = issue.path.map(String).join('.');
  return where === '' ? issue.message : `${where}: ${issue.message}`;
}

const entryLabel = (raw: unknown, list: string, index: number): string => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id.slice(0, 200) : `${list}[${index}]`;
};

/** A film or episode must point at a magnet link (or info hash) or an https link. */
function isUsableSource(source: string): boolean {
  const parsed = parseOpenInput(source);
  if (!parsed.ok) return false;
  return (
    parsed.source.kind === 'magnet' ||
    (parsed.source.kind === 'url' && /^https:/i.test(parsed.source.url))
  );
}

/** Images are only loaded from https or embedded as image data; anything else is dropped. */
const isUsableImage = (value: string): boolean =>
  /^https:\/\//i.test(value) || /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i.test(value);

function checkTitle(title: Title, note: (message: string) => void): Title | undefined {
  const result: Title = { ...title };
  if (result.poster !== undefined && !isUsableImage(result.poster)) {
    delete result.poster;
    note('Its poster was left out: it must be an https link or an embedded image.');
  }
  if (result.kind === 'film') {
    if (result.source !== undefined && isUsableSource(result.source)) return result;
    note('Skipped: a film needs a "source" that is a magnet link, an info hash or an https link.');
    return undefined;
  }
  const seen = new Set<string>();
  result.episodes = (result.episodes ?? []).filter((episode) => {
    const usable =
      !seen.has(episode.id) && episode.source !== undefined && isUsableSource(episode.source);
    if (!usable) {
      note(
        `Episode "${episode.id}" was left out: its id is used twice or its "source" is not usable.`,
      );
    }
    seen.add(episode.id);
    return usable;
  });
  if (result.episodes.length > 0) return result;
  note('Skipped: a series needs at least one episode.');
  return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Translations are extras: a broken set (an unknown language code, an overlong synopsis) is left
 * out with a note instead of costing the title or episode it belongs to.
 */
function withoutBadTranslations(raw: unknown, note: (message: string) => void): unknown {
  if (!isRecord(raw)) return raw;
  const clean = (entry: Record<string, unknown>, what: string): Record<string, unknown> => {
    if (entry.translations === undefined) return entry;
    const parsed = catalogTranslationsSchema.safeParse(entry.translations);
    if (parsed.success) return entry;
    note(`The translations of ${what} were left out: ${describeIssue(parsed.error.issues)}.`);
    const { translations: _dropped, ...rest } = entry;
    return rest;
  };
  const title = clean(raw, 'this title');
  if (!Array.isArray(title.episodes)) return title;
  return {
    ...title,
    episodes: title.episodes.map((e: unknown, i: number) =>
      isRecord(e) ? clean(e, `episode ${String(e.id ?? i)}`) : e,
    ),
  };
}

export function checkEntries(file: CatalogFile): Checked {
  const out: Checked = { name: file.name, titles: [], channels: [], problems: [] };
  const report = (entry: string, message: string): void => {
    out.problems.push({ catalog: file.name, entry, message });
  };
  file.titles.forEach((raw, index) => {
    const label = entryLabel(raw, 'titles', index);
    const notes: string[] = [];
    const parsed = titleSchema.safeParse(withoutBadTranslations(raw, (m) => notes.push(m)));
    if (!parsed.success) return report(label, `Skipped: ${describeIssue(parsed.error.issues)}.`);
    for (const note of notes) report(label, note);
    const title = checkTitle(parsed.data, (message) => report(label, message));
    if (title) out.titles.push(title);
  });
  file.channels.forEach((raw, index) => {
    const label = entryLabel(raw, 'channels', index);
    const parsed = channelSchema.safeParse(raw);
    if (!parsed.success) return report(label, `Skipped: ${describeIssue(parsed.error.issues)}.`);
    const channel: Channel = { ...parsed.data };
    const link = parseChannelLink(channel.link);
    if (!link.ok) return report(label, `Skipped: its "link" is not a channel link. ${link.reason}`);
    if (channel.logo !== undefined && !isUsableImage(channel.logo)) {
      delete channel.logo;
      report(label, 'Its logo was left out: it must be an https link or an embedded image.');
    }
    out.channels.push(channel);
  });
  return out;
}

export function capProblems(problems: CatalogProblem[], catalog: string): CatalogProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_CATALOG) return problems;
  const more = problems.length - MAX_PROBLEMS_PER_CATALOG;
  return [
    ...problems.slice(0, MAX_PROBLEMS_PER_CATALOG),
    { catalog, message: `…and ${more} more problem(s) in this catalog.` },
  ];
}

async function loadOne(source: string, options: CatalogLoadOptions): Promise<Checked> {
  const { cacheDir, fetchTimeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const cacheable = cacheDir !== undefined && isWebSource(source);
  let reason: string;
  try {
    const parsed = parseCatalogText(await readSource(source, fetchTimeoutMs));
    if (!parsed.ok) throw new SourceError(parsed.reason);
    if (cacheable) await saveCachedCopy(cacheDir, source, JSON.stringify(parsed.file));
    const checked = checkEntries(parsed.file);
    return { ...checked, problems: capProblems(checked.problems, parsed.file.name) };
  } catch (err) {
    reason = err instanceof SourceError ? err.message : 'of an unexpected problem';
  }
  const cached = cacheable ? await readCachedCopy(cacheDir, source) : undefined;
  const fromCache = cached ? parseCatalogText(cached.text) : undefined;
  if (cached && fromCache?.ok) {
    const checked = checkEntries(fromCache.file);
    const stale: CatalogProblem = {
      catalog: fromCache.file.name,
      message: `This catalog could not be refreshed (${reason}); showing the copy saved on ${cached.savedAt.toISOString().slice(0, 10)}.`,
    };
    return { ...checked, problems: [stale, ...capProblems(checked.problems, fromCache.file.name)] };
  }
  return {
    name: source,
    titles: [],
    channels: [],
    problems: [{ catalog: source, message: `This catalog could not be loaded because ${reason}.` }],
  };
}

/** Loads every source at once, then merges them in order: the first entry with an id wins. */
export async function loadCatalogs(
  sources: CatalogSources,
  options: CatalogLoadOptions = {},
): Promise<CatalogView> {
  const list = [...(sources.builtIn === null ? [] : [sources.builtIn]), ...sources.extra];
  const loaded = await Promise.all(list.map((source) => loadOne(source, options)));
  const view: CatalogView = { titles: [], channels: [], problems: [] };
  const titleIds = new Set<string>();
  const channelIds = new Set<string>();
  for (const catalog of loaded) {
    view.problems.push(...catalog.problems);
    const isNew = (ids: Set<string>, id: string): boolean => {
      if (!ids.has(id)) {
        ids.add(id);
        return true;
      }
      view.problems.push({
        catalog: catalog.name,
        entry: id,
        message: 'Skipped: an entry with this id was already loaded; the first one is kept.',
      });
      return false;
    };
    view.titles.push(...catalog.titles.filter((title) => isNew(titleIds, title.id)));
    view.channels.push(...catalog.channels.filter((channel) => isNew(channelIds, channel.id)));
  }
  return view;
}
