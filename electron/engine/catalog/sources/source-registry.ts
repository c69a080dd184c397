// The catalog sources: the built-in catalog, those given on the command line and those the user
// added (saved in sources.json). Refreshes each through its adapter, keeps the last good copy,
// merges them into the shelf. Never empties the shelf because a source failed.
import type { CatalogView, SourceKind, SourceState } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/errors.js';
import { SourceError, isWebSource } from '../catalog-source.js';
import { SOURCE_ADAPTERS, adapterFor, recogniseKind } from './adapters.js';
import { forgetLastGoodCopy, readLastGoodCopy, saveLastGoodCopy } from './last-good-copy.js';
import { mergeSources } from './merge-sources.js';
import type { SourceAdapter, SourceContext } from './source-adapter.js';
import {
  DEFAULT_REFRESH_EVERY_MS,
  sourcesCacheDir,
  type SourceRegistryOptions,
  type SourceSearcher,
  type TitleResolver,
} from './registry-options.js';
import { createSourceContext } from './source-context.js';
import { checkAddress, limitLoaded } from './source-checks.js';
import {
  BUILTIN_SOURCE_ID,
  failureCode,
  shelfNotes,
  sourceIdFor,
  stateOf,
  type SourceEntry,
} from './source-entry.js';
import { SourceListSaver, readSourceList } from './source-list-file.js';

export { DEFAULT_REFRESH_EVERY_MS, sourcesCacheDir };
export type { SourceRegistryOptions, SourceSearcher, TitleResolver };

export class SourceRegistry {
  private entries: SourceEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly adapters: readonly SourceAdapter[];
  private readonly saver: SourceListSaver;
  /** settles once every cached copy is read and local files are loaded: the shelf can show */
  readonly ready: Promise<void>;

  constructor(private readonly opts: SourceRegistryOptions) {
    this.adapters = opts.adapters ?? SOURCE_ADAPTERS;
    this.saver = new SourceListSaver(opts.dataDir);
    this.ready = this.start();
    // a failed start must never reject later awaits: each step already reports its own trouble
    this.ready.catch((err: unknown) => opts.log?.(`sources: start failed: ${String(err)}`));
  }

  private async start(): Promise<void> {
    const saved = this.opts.dataDir ? await readSourceList(this.opts.dataDir) : { sources: [] };
    if (saved.notice) this.opts.onNotice?.(saved.notice);
    const now = Date.now();
    const entry = (id: string, kind: SourceKind, address: string, origin: SourceEntry['origin']) =>
      ({ id, kind, address, origin, addedAt: now, state: 'loading' }) satisfies SourceEntry;
    if (this.opts.builtIn !== null) {
      this.entries.push(entry(BUILTIN_SOURCE_ID, 'essaim', this.opts.builtIn, 'builtin'));
    }
    for (const address of this.opts.commandLine) {
      const kind = recogniseKind(address, this.adapters) ?? 'essaim';
      if (this.find(address)) continue;
      this.entries.push(
        entry(sourceIdFor('command-line', kind, address), kind, address, 'command-line'),
      );
    }
    for (const source of saved.sources) {
      if (this.find(source.address) || this.byId(source.id)) continue;
      this.entries.push({
        ...entry(source.id, source.kind, source.address, 'user'),
        addedAt: source.addedAt,
      });
    }
    await Promise.all(this.entries.map((e) => this.readCopy(e)));
    // The shelf starts from the last good copies. A file on this computer with no copy yet is
    // read before the shelf is shown (it answers at once); everything else, files included, is
    // read again in the background: reading and saving a 10,000-title file again held the first
    // cards back by about half a second at every start.
    const readNow = this.entries.filter((e) => !isWebSource(e.address) && !e.loaded);
    const later = this.entries.filter((e) => !readNow.includes(e));
    await Promise.all(readNow.map((e) => this.refreshEntry(e)));
    for (const e of later) void this.refreshEntry(e);
    const every = this.opts.refreshEveryMs ?? 0;
    if (every > 0 && !this.closed) {
      this.timer = setInterval(() => void this.refreshAll(), every);
      this.timer.unref();
    }
  }

  private async readCopy(entry: SourceEntry): Promise<void> {
    if (!this.opts.cacheDir) return;
    const copy = await readLastGoodCopy(this.opts.cacheDir, entry.kind, entry.address);
    if (!copy || entry.loaded) return;
    entry.loaded = copy.loaded;
    entry.updatedAt = copy.savedAt.getTime();
  }

  private find(address: string): SourceEntry | undefined {
    return this.entries.find((e) => e.address === address);
  }

  private byId(id: string): SourceEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** The merged shelf as it stands: last good copies while refreshes run. */
  view(): CatalogView {
    return mergeSources(
      this.entries.map((e) => ({
        sourceId: e.id,
        label: e.address,
        ...(e.loaded ? { loaded: e.loaded } : {}),
        notes: shelfNotes(e),
      })),
    );
  }

  /**
   * What catalog:details and catalog:play-options need for a title on the shelf: the title as its
   * source gave it (the first source with this id, as the shelf shows), that source's adapter and
   * a guarded context to read through.
   */
  async resolverFor(titleId: string): Promise<TitleResolver | undefined> {
    await this.ready;
    for (const entry of this.entries) {
      const title = entry.loaded?.titles.find((t) => t.id === titleId);
      if (!title) continue;
      const adapter = adapterFor(entry.kind, this.adapters);
      if (!adapter) return undefined;
      return {
        title: { ...title, sourceId: entry.id },
        address: entry.address,
        adapter,
        context: this.contextFor(entry),
      };
    }
    return undefined;
  }

  /** The sources whose adapter answers search words, in the list's order, each with its context. */
  async searchers(): Promise<SourceSearcher[]> {
    await this.ready;
    return this.entries.flatMap((entry) => {
      const adapter = adapterFor(entry.kind, this.adapters);
      if (!adapter?.search) return [];
      const name = entry.loaded?.name ?? entry.address;
      const context = this.contextFor(entry);
      return [{ sourceId: entry.id, name, address: entry.address, adapter, context }];
    });
  }

  list(): SourceState[] {
    return this.entries.map(stateOf);
  }

  /** Reads every source again; settles when all are done (each failure is kept in its state). */
  async refreshAll(): Promise<void> {
    await this.ready;
    await Promise.all(this.entries.map((e) => this.refreshEntry(e)));
  }

  async refresh(sourceId: string): Promise<SourceState> {
    await this.ready;
    const entry = this.byId(sourceId);
    if (!entry) throw new CodedError('not-found', 'There is no such source.');
    await this.refreshEntry(entry);
    return stateOf(entry);
  }

  /** Adds a source (or returns the one with this address); refused when its first read fails. */
  async add(address: string, kind?: SourceKind): Promise<SourceState> {
    await this.ready;
    const text = checkAddress(address);
    const existing = this.find(text);
    if (existing?.origin === 'command-line') {
      // asked for by hand: it is kept from now on
      existing.origin = 'user';
      await this.saveList();
      this.emitSources();
    }
    if (existing) return stateOf(existing);
    const chosen = kind ?? recogniseKind(text, this.adapters);
    if (chosen === undefined) {
      throw new CodedError(
        'invalid-input',
        'This is not an address a catalog can be read from. Paste a web address (https://…), a manifest.json, a feed or a catalog link.',
      );
    }
    if (!adapterFor(chosen, this.adapters)) {
      throw new CodedError(
        'invalid-input',
        'This version of Essaim cannot read sources of this kind.',
      );
    }
    const entry: SourceEntry = {
      id: sourceIdFor('user', chosen, text),
      kind: chosen,
      address: text,
      origin: 'user',
      addedAt: Date.now(),
      state: 'loading',
    };
    this.entries.push(entry);
    await this.refreshEntry(entry);
    if (entry.state === 'failed') {
      this.entries = this.entries.filter((e) => e !== entry);
      this.emitSources();
      throw new CodedError(
        entry.failureCode ?? 'catalog-invalid',
        `This source could not be added because ${entry.failure ?? 'of an unexpected problem'}.`,
      );
    }
    await this.saveList();
    return stateOf(entry);
  }

  async remove(sourceId: string): Promise<void> {
    await this.ready;
    const entry = this.byId(sourceId);
    if (!entry) throw new CodedError('not-found', 'There is no such source.');
    if (entry.origin === 'builtin') {
      throw new CodedError(
        'invalid-input',
        'The catalog that comes with Essaim cannot be removed.',
      );
    }
    this.entries = this.entries.filter((e) => e !== entry);
    if (entry.origin === 'user') await this.saveList();
    if (this.opts.cacheDir) await forgetLastGoodCopy(this.opts.cacheDir, entry.kind, entry.address);
    this.emitSources();
    this.opts.onCatalog?.();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
  }

  private refreshEntry(entry: SourceEntry): Promise<void> {
    // one read at a time per source: a second ask shares the running one
    entry.refreshing ??= this.readSource(entry).finally(() => {
      entry.refreshing = undefined;
    });
    return entry.refreshing;
  }

  private async readSource(entry: SourceEntry): Promise<void> {
    const adapter = adapterFor(entry.kind, this.adapters);
    entry.state = 'loading';
    this.emitSources();
    try {
      if (!adapter)
        throw new SourceError('this version of Essaim cannot read sources of this kind');
      const loaded = limitLoaded(await adapter.load(entry.address, this.contextFor(entry)));
      entry.loaded = loaded;
      entry.updatedAt = Date.now();
      entry.failure = undefined;
      entry.failureCode = undefined;
      entry.state = 'ready';
      if (this.opts.cacheDir && this.entries.includes(entry)) {
        await saveLastGoodCopy(this.opts.cacheDir, entry.kind, entry.address, loaded);
      }
    } catch (err) {
      entry.failure = reasonOf(err);
      entry.failureCode = failureCode(entry.failure);
      entry.state = entry.loaded ? 'stale' : 'failed';
      this.opts.log?.(`sources: ${entry.id} (${entry.kind}) could not be read: ${entry.failure}`);
    }
    if (this.closed || !this.entries.includes(entry)) return;
    this.emitSources();
    this.opts.onCatalog?.();
  }

  private contextFor(entry: SourceEntry): SourceContext {
    return createSourceContext({
      allowPrivate: this.opts.allowPrivate,
      ownAddress: entry.address,
      ...(this.opts.log ? { log: this.opts.log } : {}),
      ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}),
      ...(this.opts.resolve ? { resolve: this.opts.resolve } : {}),
    });
  }

  private emitSources(): void {
    if (!this.closed) this.opts.onSources?.(this.list());
  }

  private saveList(): Promise<void> {
    return this.saver.save(
      this.entries
        .filter((e) => e.origin === 'user')
        .map(({ id, kind, address, addedAt }) => ({ id, kind, address, addedAt })),
    );
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof SourceError) return err.message;
  if (err instanceof CodedError) return err.message.replace(/\.$/, '');
  return 'of an unexpected problem';
}
