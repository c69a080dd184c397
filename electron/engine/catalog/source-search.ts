// Searches every source that answers search words itself (a Stremio add-on's search catalogs), all
// at once, each within a time limit; keeps answers a while, and the titles found, so one found this
// way opens and plays though it is not on the shelf. Never changes the shelf.
import { titleSchema, type Title } from '../../../shared/domain.js';
import type { SourceSearcher } from './sources/registry-options.js';
import type { TitleSource } from './title-answers.js';

/** A source that has not answered by then is told as such; the others' titles still show. */
export const SEARCH_TIME_LIMIT_MS = 8000;
export const MAX_TITLES_PER_SOURCE = 100;
/** An answer is reused this long for the same words (typing back and forth asks nothing again). */
const FRESH_MS = 10 * 60 * 1000;
const MAX_KEPT_ANSWERS = 200;
/** Titles found by searching that catalog:details and catalog:play-options can still find. */
const MAX_KEPT_TITLES = 2000;
const MAX_NAME = 120;

export interface SearchAnswer {
  titles: Title[];
  /** per source that failed, in plain words */
  problems: string[];
}

export interface SourceSearchOptions {
  searchers: () => Promise<SourceSearcher[]>;
  timeLimitMs?: number;
  maxPerSource?: number;
  now?: () => number;
  log?: (line: string) => void;
}

type OneAnswer = { titles: Title[] } | { problem: string };

class TimeLimit extends Error {}

export class SourceSearch {
  /** by source and words; the oldest entry is the first one (re-set on use) */
  private readonly answers = new Map<string, { at: number; titles: Title[] }>();
  private readonly pending = new Map<string, Promise<OneAnswer>>();
  /** by title id: the title as its source gave it, and which source that was */
  private readonly found = new Map<string, Title & { sourceId: string }>();

  constructor(private readonly opts: SourceSearchOptions) {}

  async search(query: string): Promise<SearchAnswer> {
    const words = query.trim().replace(/\s+/g, ' ').slice(0, 200);
    if (!words) return { titles: [], problems: [] };
    const searchers = await this.opts.searchers();
    const answers = await Promise.all(searchers.map((s) => this.searchOne(s, words)));
    const titles = new Map<string, Title>();
    const problems: string[] = [];
    for (const answer of answers) {
      if ('problem' in answer) problems.push(answer.problem);
      // the same title from two sources is shown once, from the first in the list
      else
        for (const title of answer.titles) if (!titles.has(title.id)) titles.set(title.id, title);
    }
    for (const title of titles.values()) this.keep(title);
    return { titles: [...titles.values()], problems };
  }

  /**
   * A title found by an earlier search, with its source while that source is still listed (without
   * it, details and play options fall back to their last answers).
   */
  async lookup(titleId: string): Promise<{ title: Title; source?: TitleSource } | undefined> {
    const title = this.found.get(titleId);
    if (!title) return undefined;
    const searcher = (await this.opts.searchers()).find((s) => s.sourceId === title.sourceId);
    if (!searcher) return { title };
    const { adapter, address, context } = searcher;
    return { title, source: { adapter, address, context } };
  }

  private searchOne(searcher: SourceSearcher, words: string): Promise<OneAnswer> {
    const key = `${searcher.sourceId}\n${words.toLowerCase()}`;
    const now = this.opts.now ?? Date.now;
    const kept = this.answers.get(key);
    if (kept && now() - kept.at < FRESH_MS) {
      this.answers.delete(key);
      this.answers.set(key, kept);
      return Promise.resolve({ titles: kept.titles });
    }
    const running = this.pending.get(key);
    if (running) return running;
    const work = this.ask(searcher, words).then((answer) => {
      if ('titles' in answer) this.keepAnswer(key, { at: now(), titles: answer.titles });
      return answer;
    });
    this.pending.set(key, work);
    return work.finally(() => this.pending.delete(key));
  }

  private async ask(searcher: SourceSearcher, words: string): Promise<OneAnswer> {
    const name = searcher.name.slice(0, MAX_NAME);
    const limit = this.opts.timeLimitMs ?? SEARCH_TIME_LIMIT_MS;
    let timer: NodeJS.Timeout | undefined;
    try {
      const search = searcher.adapter.search;
      if (!search) return { titles: [] };
      const raw = await Promise.race([
        search.call(searcher.adapter, searcher.address, words, searcher.context),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeLimit()), limit);
        }),
      ]);
      return { titles: this.usable(raw, searcher.sourceId) };
    } catch (err) {
      const reason = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
      this.opts.log?.(
        `search: ${searcher.sourceId} failed: ${err instanceof TimeLimit ? 'time limit' : reason}`,
      );
      if (err instanceof TimeLimit) return { problem: `${name} did not answer in time.` };
      return { problem: `${name} could not be searched because ${reason.slice(0, 300)}.` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Capped, checked against the contract one by one (one bad entry never hides the others). */
  private usable(raw: Title[], sourceId: string): Title[] {
    const titles: Title[] = [];
    for (const entry of raw) {
      if (titles.length >= (this.opts.maxPerSource ?? MAX_TITLES_PER_SOURCE)) break;
      const parsed = titleSchema.safeParse({ ...entry, sourceId });
      if (parsed.success) titles.push(parsed.data);
    }
    return titles;
  }

  private keepAnswer(key: string, answer: { at: number; titles: Title[] }): void {
    this.answers.delete(key);
    this.answers.set(key, answer);
    for (const old of this.answers.keys()) {
      if (this.answers.size <= MAX_KEPT_ANSWERS) break;
      this.answers.delete(old);
    }
  }

  private keep(title: Title): void {
    if (!title.sourceId) return;
    // the latest search wins: it is what the window shows
    this.found.delete(title.id);
    this.found.set(title.id, { ...title, sourceId: title.sourceId });
    for (const old of this.found.keys()) {
      if (this.found.size <= MAX_KEPT_TITLES) break;
      this.found.delete(old);
    }
  }
}
