// What the user asked to remember (watched titles and episodes, My list), kept in marks.json in
// the data folder. Each change is written whole to a temp file, flushed, then renamed over the
// old one; a damaged file is set aside with a notice, never silently overwritten.
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '../../../shared/errors.js';
import { userMarksSchema, type UserMarks } from '../../../shared/domain.js';
import { writeDurably, type DurableWriter } from '../storage/durable-write.js';

export const MARKS_FILE = 'marks.json';
/** Beyond this many watched marks the oldest are forgotten; a lifetime of viewing fits easily. */
export const MAX_WATCHED = 50_000;
const MAX_MY_LIST = 10_000;
const MAX_LIST_ID = 200;
/** Far above what 50,000 marks take: a bigger file is not ours, and is not read into memory. */
export const MAX_MARKS_BYTES = 8 * 1024 * 1024;

export interface MarksChange {
  id: string;
  watched?: boolean;
  inMyList?: boolean;
}

export interface MarksStoreOptions {
  write?: DurableWriter;
  /** a save that failed, in plain words; the marks stay in memory and the next change retries */
  onSaveFailed?: (message: string) => void;
}

export class MarksStore {
  private marks: UserMarks;
  private saving: Promise<void> = Promise.resolve();
  private temp = 0;

  private constructor(
    private readonly dataDir: string,
    initial: UserMarks,
    private readonly options: MarksStoreOptions,
  ) {
    this.marks = initial;
  }

  /** Reads marks.json; `notices` says, in plain words, when a damaged file was set aside. */
  static async open(
    dataDir: string,
    options: MarksStoreOptions = {},
  ): Promise<{ store: MarksStore; notices: string[] }> {
    const path = join(dataDir, MARKS_FILE);
    let text: string | undefined;
    try {
      const size = (await stat(path)).size;
      text = size > MAX_MARKS_BYTES ? '\u0000too large' : await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') text = '\u0000unreadable';
    }
    const empty = (): UserMarks => ({ watched: {}, myList: [] });
    if (text === undefined)
      return { store: new MarksStore(dataDir, empty(), options), notices: [] };
    const parsed = decode(text);
    if (parsed) return { store: new MarksStore(dataDir, parsed, options), notices: [] };
    const aside = `marks.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    const moved = await rename(path, join(dataDir, aside)).then(
      () => true,
      () => false,
    );
    const notice = moved
      ? `Your watched marks and My list could not be read; the damaged file was set aside as ${aside} and they start empty.`
      : 'Your watched marks and My list could not be read; they start empty.';
    return { store: new MarksStore(dataDir, empty(), options), notices: [notice] };
  }

  get(): UserMarks {
    return structuredClone(this.marks);
  }

  isWatched(id: string): boolean {
    return Object.hasOwn(this.marks.watched, id);
  }

  /** Applies one change and saves; answers the marks as they now are. */
  set(change: MarksChange, now = Date.now()): UserMarks {
    if (change.inMyList !== undefined && change.id.length > MAX_LIST_ID) {
      throw new CodedError(
        'invalid-input',
        'Only a title can go on My list, and this id is too long for one.',
      );
    }
    const watched = { ...this.marks.watched };
    if (change.watched === true && !Object.hasOwn(watched, change.id)) watched[change.id] = now;
    if (change.watched === false) delete watched[change.id];
    let myList = this.marks.myList;
    if (change.inMyList === true && !myList.includes(change.id))
      myList = [change.id, ...myList].slice(0, MAX_MY_LIST);
    if (change.inMyList === false) myList = myList.filter((id) => id !== change.id);
    this.marks = { watched: trimOldest(watched), myList };
    void this.save();
    return this.get();
  }

  /** Resolves once every change so far is on disk (or failed to be). */
  flush(): Promise<void> {
    return this.saving;
  }

  private save(): Promise<void> {
    // one write at a time, each writing the newest marks: the file never goes back in time
    this.saving = this.saving.then(async () => {
      const text = JSON.stringify({ version: 1, ...this.marks });
      const temp = join(this.dataDir, `.marks-${process.pid}-${++this.temp}.tmp`);
      try {
        await (this.options.write ?? writeDurably)(temp, text);
        await rename(temp, join(this.dataDir, MARKS_FILE));
      } catch (err) {
        await rm(temp, { force: true }).catch(() => undefined);
        this.options.onSaveFailed?.(
          `Your watched marks and My list could not be saved (${String((err as Error).message ?? err)}); they are kept until the next change.`,
        );
      }
    });
    return this.saving;
  }
}

function decode(text: string): UserMarks | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = userMarksSchema.safeParse(raw);
  if (!result.success) return undefined;
  // own keys only, finite times only: a hand-edited file cannot smuggle in odd values
  const watched: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [id, at] of Object.entries(result.data.watched))
    if (Number.isFinite(at)) watched[id] = at;
  return { watched: { ...watched }, myList: [...new Set(result.data.myList)] };
}

function trimOldest(watched: Record<string, number>): Record<string, number> {
  const ids = Object.keys(watched);
  if (ids.length <= MAX_WATCHED) return watched;
  const kept = ids.sort((a, b) => (watched[b] ?? 0) - (watched[a] ?? 0)).slice(0, MAX_WATCHED);
  return Object.fromEntries(kept.map((id) => [id, watched[id] ?? 0]));
}
