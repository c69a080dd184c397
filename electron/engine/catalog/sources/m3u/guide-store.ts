// The programme guides of direct channels: each XMLTV guide a list names is fetched, cut to the
// channels we list and to now-2h..now+24h, kept on disk under the data folder and fetched again
// about daily. A guide that cannot be fetched leaves its last copy in use; it never throws at callers.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  guideProgrammeSchema,
  type Channel,
  type ChannelGuide,
  type GuideProgramme,
} from '../../../../../shared/domain.js';
import { writeDurably } from '../../../storage/durable-write.js';
import { nowAndNext, parseXmltv } from './xmltv-parse.js';

export interface GuideStoreOptions {
  /** where guides are kept (a folder under the data folder) */
  dir: string;
  /** GET a guide as text, guarded (size, time, local-network rule); throws in plain words */
  fetchText: (url: string) => Promise<string>;
  now?: () => number;
  log: (message: string) => void;
}

const HOUR = 3_600_000;
const REFRESH_MS = 24 * HOUR;
/** after a failed fetch, wait this long before trying again */
const RETRY_MS = 15 * 60_000;

interface Guide {
  url: string;
  fetchedAt: number;
  /** XMLTV channel id -> programmes, sorted */
  programmes: Record<string, GuideProgramme[]>;
}

const savedGuideSchema = z.object({
  url: z.string(),
  fetchedAt: z.number(),
  programmes: z.record(z.string(), z.array(guideProgrammeSchema)),
});

interface Held {
  guide?: Guide;
  triedAt: number;
  pending?: Promise<void>;
}

export class GuideStore {
  private readonly held = new Map<string, Held>();
  private readonly now: () => number;

  constructor(private readonly opts: GuideStoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Now and next for each asked channel that has a guide; the others get an empty answer. */
  async nowNext(all: readonly Channel[], channelIds: readonly string[]): Promise<ChannelGuide[]> {
    const byId = new Map(all.map((c) => [c.id, c]));
    const asked = channelIds.map((id) => byId.get(id));
    const urls = new Set(asked.flatMap((c) => (c?.guide && c.tvgId ? [c.guide] : [])));
    await Promise.all([...urls].map((url) => this.ensure(url, all).catch(() => undefined)));
    const now = this.now();
    return channelIds.map((channelId) => {
      const channel = byId.get(channelId);
      const guide = channel?.guide ? this.held.get(channel.guide)?.guide : undefined;
      const entries = channel?.tvgId ? guide?.programmes[channel.tvgId] : undefined;
      return { channelId, ...nowAndNext(entries, now) };
    });
  }

  private async ensure(url: string, all: readonly Channel[]): Promise<void> {
    let held = this.held.get(url);
    if (!held) {
      held = { triedAt: 0 };
      this.held.set(url, held);
      const saved = await this.readSaved(url);
      if (saved) held.guide = saved;
    }
    const now = this.now();
    const fresh = held.guide !== undefined && now - held.guide.fetchedAt < REFRESH_MS;
    if (fresh || now - held.triedAt < RETRY_MS) return;
    held.pending ??= this.refresh(url, held, all).finally(() => {
      if (held) delete held.pending;
    });
    await held.pending;
  }

  private async refresh(url: string, held: Held, all: readonly Channel[]): Promise<void> {
    const now = this.now();
    held.triedAt = now;
    const ids = new Set(all.flatMap((c) => (c.guide === url && c.tvgId ? [c.tvgId] : [])));
    try {
      const text = await this.opts.fetchText(url);
      const { programmes, badTimes } = parseXmltv(text, {
        channelIds: ids,
        from: now - 2 * HOUR,
        to: now + 24 * HOUR,
      });
      if (badTimes > 0)
        this.opts.log(`guide ${url}: ${badTimes} programme(s) with unreadable times left out`);
      held.guide = { url, fetchedAt: now, programmes: Object.fromEntries(programmes) };
      await this.save(held.guide).catch((err: unknown) =>
        this.opts.log(`guide ${url}: could not be saved (${String(err)})`),
      );
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.opts.log(
        `guide ${url}: not refreshed (${why}); ${held.guide ? 'keeping the last copy' : 'no copy yet'}`,
      );
    }
  }

  private fileFor(url: string): string {
    return join(
      this.opts.dir,
      `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`,
    );
  }

  private async save(guide: Guide): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true });
    await writeDurably(this.fileFor(guide.url), JSON.stringify(guide));
  }

  private async readSaved(url: string): Promise<Guide | undefined> {
    try {
      const parsed = savedGuideSchema.safeParse(
        JSON.parse(await readFile(this.fileFor(url), 'utf8')),
      );
      return parsed.success && parsed.data.url === url ? parsed.data : undefined;
    } catch {
      return undefined; // no copy yet, or a damaged one: fetched again
    }
  }
}
