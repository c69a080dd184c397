// The Stremio add-on source: a manifest.json link read into films and series (catalogs), their
// details on demand (meta) and the ways to play them (stream). Reads only through the guarded
// SourceContext; keeps nothing itself (the registry keeps last good copies, the engine caches).
import type { Title } from '../../../../../shared/domain.js';
import { SourceError } from '../../catalog-source.js';
import type {
  LoadedSource,
  PlayOptionsAnswer,
  SourceAdapter,
  SourceContext,
} from '../source-adapter.js';
import { baseUrlOf, isStremioAddress, manifestUrlOf, resourceUrl } from './stremio-address.js';
import { readCatalogs, searchCatalogs } from './stremio-catalogs.js';
import { parseJson } from './stremio-json.js';
import { mapMeta, metaIdOf, typeOfTitle } from './stremio-meta.js';
import {
  manifestSchema,
  metaAnswerSchema,
  streamAnswerSchema,
  type Manifest,
} from './stremio-schemas.js';
import { mapStreams } from './stremio-streams.js';

const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_META_BYTES = 8 * 1024 * 1024;
const MAX_STREAMS_BYTES = 4 * 1024 * 1024;

interface Addon {
  base: string;
  manifest: Manifest;
}

function addressOrThrow(address: string): string {
  const url = manifestUrlOf(address);
  if (!url) throw new SourceError('a Stremio add-on address is a link ending in /manifest.json');
  return url;
}

async function readManifest(address: string, context: SourceContext): Promise<Addon> {
  const url = addressOrThrow(address);
  const parsed = manifestSchema.safeParse(
    parseJson(await context.fetchText(url, { maxBytes: MAX_MANIFEST_BYTES })),
  );
  if (!parsed.success) {
    throw new SourceError(
      'this is not a Stremio add-on manifest (it needs an id, a name, a version, resources, types and catalogs)',
    );
  }
  return { base: baseUrlOf(url), manifest: parsed.data };
}

/** The add-on id inside our title id; the manifest's own id is what made it (stremio-meta.ts). */
function addonIdOf(title: Title): string {
  const match = /^stremio:([^:]+):/.exec(title.id);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

function metaIdOrThrow(title: Title): string {
  const metaId = metaIdOf(title.id);
  if (!metaId) throw new SourceError('this title does not come from a Stremio add-on');
  return metaId;
}

export const stremioAdapter: SourceAdapter = {
  kind: 'stremio',
  recognises: isStremioAddress,

  async load(address: string, context: SourceContext): Promise<LoadedSource> {
    const { base, manifest } = await readManifest(address, context);
    const read = await readCatalogs(base, manifest, context);
    const problems = [...read.problems];
    if (!manifest.types.some((t) => t === 'movie' || t === 'series') || read.titles.length === 0) {
      if (read.problems.length === 0 && read.searchCatalogs.length === 0)
        problems.push({
          catalog: manifest.name,
          message: 'This add-on lists no films or series of its own.',
        });
    }
    if (read.searchCatalogs.length > 0)
      problems.push({
        catalog: manifest.name,
        message: `${read.searchCatalogs.length} catalog${read.searchCatalogs.length === 1 ? '' : 's'} answering only searches ${read.searchCatalogs.length === 1 ? 'is' : 'are'} not listed; ${read.searchCatalogs.length === 1 ? 'it is' : 'they are'} asked when you search.`,
      });
    return { name: manifest.name, titles: read.titles, channels: [], problems };
  },

  async details(address: string, title: Title, context: SourceContext): Promise<Title> {
    const base = baseUrlOf(addressOrThrow(address));
    const type = typeOfTitle(title);
    const url = resourceUrl(base, 'meta', type, metaIdOrThrow(title));
    const answer = metaAnswerSchema.safeParse(
      parseJson(await context.fetchText(url, { maxBytes: MAX_META_BYTES })),
    );
    if (!answer.success)
      throw new SourceError('the add-on did not answer with the details of this title');
    // some add-ons leave the name (or the id) out of a full meta: the shelf already knows them
    const raw = answer.data.meta;
    const meta =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? { id: metaIdOrThrow(title), name: title.name, ...raw }
        : raw;
    const mapped = mapMeta(meta, {
      addonId: addonIdOf(title),
      type,
      allowLocal: context.allowLocalNetwork(),
      full: true,
      ...(title.sourceId ? { sourceId: title.sourceId } : {}),
    });
    if (!mapped.title)
      throw new SourceError(`the details of this title are unusable: ${mapped.problem ?? ''}`);
    // the shelf's id stays (the add-on may answer with another id form); what the preview knew
    // and the full meta leaves out is kept
    return { ...title, ...mapped.title, id: title.id, resolvable: true };
  },

  async playOptions(
    address: string,
    title: Title,
    episodeId: string | undefined,
    context: SourceContext,
  ): Promise<PlayOptionsAnswer> {
    const base = baseUrlOf(addressOrThrow(address));
    const type = typeOfTitle(title);
    if (type === 'series' && !episodeId)
      return { options: [], ignored: ['Choose an episode to see the ways to play it.'] };
    const url = resourceUrl(base, 'stream', type, episodeId ?? metaIdOrThrow(title));
    const answer = streamAnswerSchema.safeParse(
      parseJson(await context.fetchText(url, { maxBytes: MAX_STREAMS_BYTES })),
    );
    if (!answer.success)
      throw new SourceError('the add-on did not answer with ways to play this title');
    const episode = title.episodes?.find((e) => e.id === episodeId);
    const displayName = episode ? `${title.name} - ${episode.name}` : title.name;
    return mapStreams(answer.data.streams, {
      allowLocal: context.allowLocalNetwork(),
      displayName,
    });
  },

  async search(address: string, query: string, context: SourceContext): Promise<Title[]> {
    const words = query.trim().slice(0, 200);
    if (!words) return [];
    const { base, manifest } = await readManifest(address, context);
    return searchCatalogs(base, manifest, words, context);
  },
};
