// Answers catalog:details and catalog:play-options: a title's own data when it carries it, else
// its source's adapter, remembered in memory and on disk so a title opened once opens offline.
// Never changes the shelf; a failing source falls back to the last answer it gave.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CodedError } from '../../../shared/errors.js';
import {
  leftOutSchema,
  playOptionSchema,
  titleSchema,
  type PlayOption,
  type Title,
} from '../../../shared/domain.js';
import { writeDurably } from '../storage/durable-write.js';
import type { PlayOptionsAnswer, SourceAdapter, SourceContext } from './sources/source-adapter.js';

/** The adapter that can answer for a title's source, with the source's address and its context. */
export interface TitleSource {
  adapter: SourceAdapter;
  address: string;
  context: SourceContext;
}

/** A fresh answer is reused this long before the source is asked again (peers and releases move). */
const FRESH_MS = 10 * 60 * 1000;
const MAX_CACHED_BYTES = 16 * 1024 * 1024;

const optionsAnswerSchema = z.object({
  options: z.array(playOptionSchema),
  ignored: z.array(z.string().max(2000)).max(50),
  leftOut: z.array(leftOutSchema).max(20).optional(),
});

/** What the title itself says about playing it: its options, else its one source. */
export function ownPlayOptions(title: Title, episodeId: string | undefined): PlayOptionsAnswer {
  const entry = episodeId ? title.episodes?.find((e) => e.id === episodeId) : title;
  if (!entry) throw new CodedError('not-found', 'This episode is not in the catalog any more.');
  if (entry.options?.length) return { options: entry.options, ignored: [] };
  if (!entry.source) return { options: [], ignored: [] };
  const option: PlayOption = { source: entry.source };
  if (entry.fileName) option.fileName = entry.fileName;
  return { options: [option], ignored: [] };
}

interface Remembered<T> {
  at: number;
  value: T;
}

export class TitleAnswers {
  private readonly memory = new Map<string, Remembered<unknown>>();
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: {
      /** where answers are kept across restarts; left out, they live in memory only */
      cacheDir?: string;
      log?: (line: string) => void;
      now?: () => number;
    },
  ) {}

  /** `source` is the title's source when it is still listed; without it, the last answer is used. */
  async details(title: Title, source: TitleSource | undefined): Promise<Title> {
    if (!title.resolvable) return title;
    return this.resolve(
      `details\n${title.id}`,
      titleSchema,
      source,
      async (source) => {
        if (!source.adapter.details) return title;
        return source.adapter.details(source.address, title, source.context);
      },
      title,
      'The details of this title could not be read from its source',
    );
  }

  async playOptions(
    title: Title,
    episodeId: string | undefined,
    source: TitleSource | undefined,
  ): Promise<PlayOptionsAnswer> {
    if (!title.resolvable) return ownPlayOptions(title, episodeId);
    const key = `options\n${title.id}\n${episodeId ?? ''}`;
    return this.resolve(
      key,
      optionsAnswerSchema,
      source,
      async (source) => {
        if (!source.adapter.playOptions) return ownPlayOptions(title, episodeId);
        // the episode list comes from the details, so ask them first when they are known
        const full = (this.memory.get(`details\n${title.id}`)?.value as Title | undefined) ?? title;
        return source.adapter.playOptions(source.address, full, episodeId, source.context);
      },
      title,
      'The ways to play this title could not be read from its source',
    );
  }

  private async resolve<T>(
    key: string,
    schema: z.ZodType<T>,
    source: TitleSource | undefined,
    ask: (source: TitleSource) => Promise<T>,
    title: Title,
    failure: string,
  ): Promise<T> {
    const now = this.deps.now ?? Date.now;
    const known = this.memory.get(key) as Remembered<T> | undefined;
    if (known && now() - known.at < FRESH_MS) return known.value;
    const running = this.pending.get(key) as Promise<T> | undefined;
    if (running) return running;

    const work = (async () => {
      try {
        if (!source) throw new Error('its source is not in the list of sources any more');
        const value = schema.parse(await ask(source));
        this.memory.set(key, { at: now(), value });
        await this.save(key, value);
        return value;
      } catch (err) {
        const reason =
          err instanceof z.ZodError
            ? 'its answer could not be used'
            : err instanceof Error
              ? err.message
              : String(err);
        this.deps.log?.(`${failure.toLowerCase()} (${title.id}): ${reason}`);
        // offline, or the source is gone: the last answer is better than nothing
        const last = known?.value ?? (await this.load(key, schema));
        if (last !== undefined) {
          // kept as old, so the next opening asks the source again
          this.memory.set(key, { at: known?.at ?? 0, value: last });
          return last;
        }
        throw new CodedError(
          'network',
          `${failure}: ${reason}. Check your connection and try again.`,
        );
      }
    })();
    this.pending.set(key, work);
    try {
      return await work;
    } finally {
      this.pending.delete(key);
    }
  }

  private file(key: string): string | undefined {
    if (!this.deps.cacheDir) return undefined;
    const name = createHash('sha256').update(key).digest('hex').slice(0, 32);
    return join(this.deps.cacheDir, `resolved-${name}.json`);
  }

  /** A failure here only loses the offline copy; the answer itself was good. */
  private async save(key: string, value: unknown): Promise<void> {
    const target = this.file(key);
    if (!target || !this.deps.cacheDir) return;
    const temp = `${target}.tmp-${process.pid}-${Date.now()}`;
    try {
      await mkdir(this.deps.cacheDir, { recursive: true });
      await writeDurably(temp, JSON.stringify({ key, value }));
      await rename(temp, target);
    } catch (err) {
      this.deps.log?.(`could not keep an offline copy: ${String(err)}`);
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  private async load<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const path = this.file(key);
    if (!path) return undefined;
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_CACHED_BYTES) return undefined;
      const saved = z
        .object({ key: z.string(), value: schema })
        .parse(JSON.parse(bytes.toString('utf8')));
      return saved.key === key ? saved.value : undefined;
    } catch {
      return undefined;
    }
  }
}
