// The product's own catalog format: parses the text and checks each entry on its own, so a broken
// entry is reported (in plain words, capped) and skipped instead of emptying the shelf.
import { catalogFileSchema, type CatalogFile } from '../../../../shared/catalog-schema.js';
import {
  catalogTranslationsSchema,
  channelSchema,
  titleSchema,
  type CatalogProblem,
  type Channel,
  type Title,
} from '../../../../shared/domain.js';
import { parseChannelLink } from '../../../../shared/channel-link.js';
import { parseOpenInput } from '../../../../shared/open-input.js';

/** A catalog full of broken entries gets a summary instead of thousands of rows. */
/** Direct channels and their guides are fetched by the engine, over http(s) only. */
const isWebAddress = (value: string): boolean => /^https?:\/\/[^\s]+$/i.test(value);

export const MAX_PROBLEMS_PER_CATALOG = 50;

export interface Checked {
  name: string;
  titles: Title[];
  channels: Channel[];
  problems: CatalogProblem[];
}

export type Parsed = { ok: true; file: CatalogFile } | { ok: false; reason: string };

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

export function describeIssue(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): string {
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
export const isUsableImage = (value: string): boolean =>
  /^https:\/\//i.test(value) || /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i.test(value);

function checkTitle(title: Title, note: (message: string) => void): Title | undefined {
  const result: Title = { ...title };
  if (result.poster !== undefined && !isUsableImage(result.poster)) {
    delete result.poster;
    note('Its poster was left out: it must be an https link or an embedded image.');
  }
  if (result.backdrop !== undefined && !isUsableImage(result.backdrop)) {
    delete result.backdrop;
    note('Its backdrop was left out: it must be an https link or an embedded image.');
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
    if (channel.link !== undefined) {
      const link = parseChannelLink(channel.link);
      if (!link.ok)
        return report(label, `Skipped: its "link" is not a channel link. ${link.reason}`);
    } else if (!isWebAddress(channel.direct?.url ?? '')) {
      return report(label, 'Skipped: a direct channel\'s "url" must be an http or https link.');
    }
    if (channel.guide !== undefined && !isWebAddress(channel.guide)) {
      delete channel.guide;
      report(label, 'Its guide was left out: it must be an http or https link.');
    }
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
