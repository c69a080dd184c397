// Maps a Stremio meta (a catalog preview or the full meta) onto the shelf's Title, and a series'
// videos onto Episodes. Text stays text (markup is never interpreted); links are kept only when
// they are http(s) and, unless the local network is allowed, not private.
import type { Episode, Title } from '../../../../../shared/domain.js';
import { isPrivateAddressUrl } from '../../../torrent/private-address.js';
import { isUsableId } from './stremio-address.js';
import { metaSchema, videoSchema, type StremioMeta } from './stremio-schemas.js';

const MAX_EPISODES = 5000;
const MAX_TITLE_ID = 200;

export type StremioType = 'movie' | 'series';

/** `stremio:<addonId>:<metaId>`: the add-on id is escaped so the first ':' after it ends it. */
export function titleIdOf(addonId: string, metaId: string): string {
  return `stremio:${encodeURIComponent(addonId)}:${metaId}`;
}

/** The meta id inside a title id made by titleIdOf, or undefined when it is not one of ours. */
export function metaIdOf(titleId: string): string | undefined {
  const match = /^stremio:[^:]+:(.+)$/s.exec(titleId);
  return match?.[1];
}

export const typeOfTitle = (title: Title): StremioType =>
  title.kind === 'series' ? 'series' : 'movie';

/** A picture link we may show: http(s) only, and not on the local network unless allowed. */
export function pictureUrl(raw: string | undefined, allowLocal: boolean): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!allowLocal && isPrivateAddressUrl(url.toString())) return undefined;
  return url.toString();
}

/** "2010", "2000-2014", "2019–" or a date: the first plausible year in it. */
function yearOf(meta: StremioMeta): number | undefined {
  const candidates = [meta.releaseInfo, meta.released, meta.year?.toString()];
  for (const candidate of candidates) {
    const year = Number(/(?:^|\D)(\d{4})(?:\D|$)/.exec(candidate ?? '')?.[1]);
    if (year >= 1870 && year <= 2200) return year;
  }
  return undefined;
}

/** "120 min", "120m", "2h 10min", "1h": minutes, when it reads as a duration. */
export function minutesOf(runtime: string | undefined): number | undefined {
  if (!runtime) return undefined;
  const hours = /(\d{1,3})\s*h/i.exec(runtime)?.[1];
  const minutes =
    /(\d{1,4})\s*m/i.exec(runtime)?.[1] ??
    (/^\s*(\d{1,4})\s*$/.exec(runtime)?.[1] as string | undefined);
  const total = Number(hours ?? 0) * 60 + Number(minutes ?? 0);
  return total > 0 && total <= 10_000 ? total : undefined;
}

export interface MappedMeta {
  title?: Title;
  /** why the entry was left out, in plain words */
  problem?: string;
}

/** One meta (preview or full) as a Title of this source; full metas also bring their episodes. */
export function mapMeta(
  raw: unknown,
  ctx: {
    addonId: string;
    type: StremioType;
    sourceId?: string;
    allowLocal: boolean;
    full: boolean;
  },
): MappedMeta {
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) return { problem: 'it has no usable id' };
  const meta = parsed.data;
  if (!isUsableId(meta.id)) return { problem: 'it has no usable id' };
  if (!meta.name) return { problem: 'it has no name' };
  const id = titleIdOf(ctx.addonId, meta.id);
  if (id.length > MAX_TITLE_ID) return { problem: 'its id is too long' };

  const title: Title = {
    id,
    kind: ctx.type === 'series' ? 'series' : 'film',
    name: meta.name,
    resolvable: true,
  };
  const year = yearOf(meta);
  if (year !== undefined) title.year = year;
  if (meta.description) title.synopsis = meta.description;
  const poster = pictureUrl(meta.poster, ctx.allowLocal);
  if (poster) title.poster = poster;
  const backdrop = pictureUrl(meta.background, ctx.allowLocal);
  if (backdrop) title.backdrop = backdrop;
  const genres = meta.genres ?? meta.genre;
  if (genres) title.genres = genres;
  if (meta.cast) title.cast = meta.cast;
  if (meta.director) title.directors = meta.director;
  const minutes = minutesOf(meta.runtime);
  if (minutes !== undefined) title.durationMinutes = minutes;
  if (ctx.sourceId) title.sourceId = ctx.sourceId;
  if (ctx.full && ctx.type === 'series') {
    title.episodes = mapVideos(meta.videos ?? [], ctx.allowLocal);
  }
  return { title };
}

/** A series' videos as episodes, in order; videos without an id are skipped, numbers filled in. */
export function mapVideos(videos: unknown[], allowLocal: boolean): Episode[] {
  const episodes: Episode[] = [];
  const seen = new Set<string>();
  for (const raw of videos) {
    if (episodes.length >= MAX_EPISODES) break;
    const parsed = videoSchema.safeParse(raw);
    if (!parsed.success || seen.has(parsed.data.id) || !isUsableId(parsed.data.id)) continue;
    const video = parsed.data;
    seen.add(video.id);
    const season = wholeNumber(video.season, 1000) ?? 0;
    const number =
      wholeNumber(video.episode, 10_000) ??
      wholeNumber(video.number, 10_000) ??
      episodes.filter((e) => e.season === season).length + 1;
    const episode: Episode = {
      id: video.id,
      season,
      episode: number,
      name: video.title ?? video.name ?? `Episode ${number}`,
    };
    const synopsis = video.overview ?? video.description;
    if (synopsis) episode.synopsis = synopsis;
    if (video.released) episode.released = video.released;
    const thumbnail = pictureUrl(video.thumbnail, allowLocal);
    if (thumbnail) episode.thumbnail = thumbnail;
    episodes.push(episode);
  }
  return episodes;
}

function wholeNumber(value: number | undefined, max: number): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 0 && value <= max
    ? value
    : undefined;
}
