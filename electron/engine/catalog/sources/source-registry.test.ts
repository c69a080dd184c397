// The source registry against real HTTP servers on 127.0.0.1 and a real data folder: adding,
// last good copies, restarts, a damaged sources.json, hostile answers and the local-network rule.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceState } from '../../../../shared/domain.js';
import { CodedError } from '../../../../shared/errors.js';
import {
  essaimCatalog,
  film,
  sendJson,
  serve,
  tempDir,
  type Cleanup,
} from '../../test-support/source-servers.js';
import { SourceRegistry, sourcesCacheDir, type SourceRegistryOptions } from './source-registry.js';

const cleanups: Cleanup[] = [];
const registries: SourceRegistry[] = [];
afterEach(async () => {
  for (const r of registries.splice(0)) r.close();
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

function open(dataDir: string, extra: Partial<SourceRegistryOptions> = {}) {
  const events = { catalog: 0, sources: [] as SourceState[][], notices: [] as string[] };
  const registry = new SourceRegistry({
    dataDir,
    cacheDir: sourcesCacheDir(dataDir),
    builtIn: null,
    commandLine: [],
    allowPrivate: () => true,
    timeoutMs: 2000,
    onCatalog: () => events.catalog++,
    onSources: (states) => events.sources.push(states),
    onNotice: (message) => events.notices.push(message),
    ...extra,
  });
  registries.push(registry);
  return { registry, events };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CodedError) return `${err.code}: ${err.message}`;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** A catalog server that can be switched off (500) and on. */
async function switchableCatalog(titles: unknown[]) {
  const state = { up: true, hang: false, titles };
  const server = await serve(cleanups, (_req, res) => {
    if (state.hang) return;
    if (state.up) sendJson(res, essaimCatalog('Web films', state.titles));
    else res.writeHead(500).end();
  });
  return { state, url: `${server.origin}/catalog.json` };
}

describe('SourceRegistry', () => {
  it('adds a web catalog, puts its titles on the shelf tagged with it, and saves it', async () => {
    const dataDir = await tempDir(cleanups);
    const { url } = await switchableCatalog([film('w1'), film('w2')]);
    const { registry, events } = open(dataDir);
    const added = await registry.add(url);
    expect(added).toMatchObject({ kind: 'essaim', origin: 'user', state: 'ready', titles: 2 });
    expect(added.name).toBe('Web films');
    expect(added.updatedAt).toBeGreaterThan(0);
    expect(registry.view().titles.map((t) => [t.id, t.sourceId])).toEqual([
      ['w1', added.id],
      ['w2', added.id],
    ]);
    // progress was told: 'loading' then 'ready'
    expect(events.sources.map((s) => s.at(-1)?.state)).toEqual(['loading', 'ready']);
    expect(events.catalog).toBeGreaterThan(0);
    const saved = JSON.parse(await readFile(join(dataDir, 'sources.json'), 'utf8'));
    expect(saved.sources.map((s: { address: string }) => s.address)).toEqual([url]);
    // catalog:details and play options find the title's own source and a guarded context
    const resolver = await registry.resolverFor('w2');
    expect(resolver?.title).toMatchObject({ id: 'w2', sourceId: added.id });
    expect(resolver?.adapter.kind).toBe('essaim');
    expect(resolver?.address).toBe(url);
    expect(await registry.resolverFor('nope')).toBeUndefined();
    // the same address again gives the same source, not a second one
    expect((await registry.add(`  ${url} `)).id).toBe(added.id);
    expect(registry.list()).toHaveLength(1);
  });

  it('keeps the last good copy, marked stale with the reason, when a refresh fails', async () => {
    const dataDir = await tempDir(cleanups);
    const { state, url } = await switchableCatalog([film('w1')]);
    const { registry } = open(dataDir);
    const added = await registry.add(url);
    state.up = false;
    const refreshed = await registry.refresh(added.id);
    expect(refreshed.state).toBe('stale');
    expect(refreshed.titles).toBe(1);
    expect(refreshed.problem).toMatch(
      /^It could not be refreshed because the server answered with error 500; the copy saved on \d{4}-\d\d-\d\d is shown\.$/,
    );
    expect(registry.view().titles.map((t) => t.id)).toEqual(['w1']);
    expect(registry.view().problems[0]?.message).toMatch(/could not be refreshed/);
    state.up = true;
    state.titles = [film('w3')];
    expect((await registry.refresh(added.id)).state).toBe('ready');
    expect(registry.view().titles.map((t) => t.id)).toEqual(['w3']);
  });

  it('keeps its sources across a restart and shows cached titles before any network answer', async () => {
    const dataDir = await tempDir(cleanups);
    const { state, url } = await switchableCatalog([film('w1')]);
    const first = open(dataDir).registry;
    const added = await first.add(url);
    first.close();

    // the server hangs: the shelf must not wait for it
    state.hang = true;
    const { registry } = open(dataDir, { timeoutMs: 1500 });
    await registry.ready;
    expect(registry.view().titles.map((t) => t.id)).toEqual(['w1']);
    expect(registry.list()[0]).toMatchObject({ id: added.id, state: 'loading', titles: 1 });
    await registry.refreshAll();
    expect(registry.list()[0]).toMatchObject({ state: 'stale', titles: 1 });
    expect(registry.list()[0]?.problem).toMatch(/the server did not answer in time/);
  });

  it('sets a damaged sources.json aside with a notice and keeps the built-in catalog', async () => {
    const dataDir = await tempDir(cleanups);
    const builtIn = join(dataDir, 'builtin.json');
    await writeFile(builtIn, JSON.stringify(essaimCatalog('Built in', [film('b1')])));
    await writeFile(join(dataDir, 'sources.json'), '{"version":1,"sources":[{"id":');
    const { registry, events } = open(dataDir, { builtIn });
    await registry.ready;
    expect(events.notices).toHaveLength(1);
    expect(events.notices[0]).toMatch(
      /list of catalog sources was damaged\. It was kept as .*sources\.json\.damaged-\d+/,
    );
    const files = await readdir(dataDir);
    const aside = files.find((f) => f.startsWith('sources.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dataDir, aside ?? ''), 'utf8')).toBe(
      '{"version":1,"sources":[{"id":',
    );
    expect(registry.view().titles.map((t) => t.id)).toEqual(['b1']);
    expect(registry.list()).toEqual([
      expect.objectContaining({ id: 'builtin', origin: 'builtin', state: 'ready', titles: 1 }),
    ]);
  });

  it('refuses wrong types in sources.json the same way', async () => {
    const dataDir = await tempDir(cleanups);
    await writeFile(
      join(dataDir, 'sources.json'),
      JSON.stringify({ version: 1, sources: [{ id: 1, kind: 'ftp', address: [], addedAt: 'x' }] }),
    );
    const { registry, events } = open(dataDir);
    await registry.ready;
    expect(events.notices[0]).toMatch(/damaged/);
    expect(registry.list()).toEqual([]);
  });

  it('gives clear errors for bad addresses and does not keep a source that cannot be read', async () => {
    const dataDir = await tempDir(cleanups);
    const { registry } = open(dataDir);
    expect(await codeOf(registry.add('   '))).toMatch(/^invalid-input: Paste the address/);
    expect(await codeOf(registry.add('just some words'))).toMatch(
      /^invalid-input: This is not an address a catalog can be read from/,
    );
    expect(await codeOf(registry.add('https://x.example/a\u0000b.json'))).toMatch(/^invalid-input/);
    const down = await serve(cleanups, (_req, res) => res.writeHead(404).end());
    expect(await codeOf(registry.add(`${down.origin}/catalog.json`))).toBe(
      'network: This source could not be added because the server answered with error 404.',
    );
    const notCatalog = await serve(cleanups, (_req, res) => sendJson(res, [1, 2, 3]));
    expect(await codeOf(registry.add(`${notCatalog.origin}/list.json`))).toMatch(
      /^catalog-invalid: This source could not be added because it is not an Essaim catalog/,
    );
    expect(registry.list()).toEqual([]);
  });

  it('explains hostile catalogs in plain words: deep nesting, wrong types, markup', async () => {
    const dataDir = await tempDir(cleanups);
    const answers: Record<string, string> = {
      '/deep.json': `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      '/types.json': JSON.stringify({ ...essaimCatalog('T', []), titles: 'not a list' }),
      '/entries.json': JSON.stringify(
        essaimCatalog('<b>Mixed</b>', [
          { id: 7, kind: 'film' },
          film('ok', { name: '<img src=x onerror=alert(1)>', year: 'soon' }),
          film('fine', { name: '<script>alert(1)</script>' }),
        ]),
      ),
    };
    const server = await serve(cleanups, (req, res) =>
      sendJson(res, answers[req.url ?? ''] ?? '{}'),
    );
    const { registry } = open(dataDir);
    expect(await codeOf(registry.add(`${server.origin}/deep.json`))).toMatch(
      /^catalog-invalid: .*because it is not an Essaim catalog/,
    );
    expect(await codeOf(registry.add(`${server.origin}/types.json`))).toMatch(
      /^catalog-invalid: .*because it is not laid out as a catalog \(titles: /,
    );
    const mixed = await registry.add(`${server.origin}/entries.json`);
    expect(mixed).toMatchObject({ state: 'ready', titles: 1, name: '<b>Mixed</b>' });
    expect(mixed.problem).toMatch(
      /^2 of its entries had a problem \(the first, titles\[0\]: Skipped/,
    );
    // markup is kept as text for the window to show as text, never interpreted here
    expect(registry.view().titles.map((t) => t.name)).toEqual(['<script>alert(1)</script>']);
  });

  it('reads its sources again on a timer', async () => {
    const dataDir = await tempDir(cleanups);
    const server = await serve(cleanups, (_req, res) =>
      sendJson(res, essaimCatalog('Timed', [film('t1')])),
    );
    const first = open(dataDir).registry;
    await first.add(`${server.origin}/c.json`);
    first.close();
    const reads = server.requests();
    const { registry } = open(dataDir, { refreshEveryMs: 50 });
    await registry.ready;
    await expect.poll(() => server.requests(), { timeout: 10_000 }).toBeGreaterThan(reads + 2);
    registry.close();
  });

  it('keeps a --catalog source from then on when it is added by hand', async () => {
    const dataDir = await tempDir(cleanups);
    const cli = join(dataDir, 'cli.json');
    await writeFile(cli, JSON.stringify(essaimCatalog('Mine', [film('c')])));
    const { registry } = open(dataDir, { commandLine: [cli] });
    const state = await registry.add(cli);
    expect(state).toMatchObject({ origin: 'user', titles: 1 });
    const saved = JSON.parse(await readFile(join(dataDir, 'sources.json'), 'utf8'));
    expect(saved.sources.map((x: { address: string }) => x.address)).toEqual([cli]);
  });

  it('refuses an oversized answer while it streams', async () => {
    const dataDir = await tempDir(cleanups);
    const huge = await serve(cleanups, (_req, res) => {
      res.writeHead(200); // no length announced: the cap has to hold while reading
      const chunk = Buffer.alloc(1024 * 1024, 32);
      for (let i = 0; i < 8; i++) res.write(chunk);
      res.end();
    });
    const { registry } = open(dataDir);
    expect(await codeOf(registry.add(`${huge.origin}/big.json`))).toMatch(/larger than 5 MiB/);
  });

  it('refuses a source on this computer unless the local network is allowed', async () => {
    const dataDir = await tempDir(cleanups);
    const { url } = await switchableCatalog([film('w1')]);
    let allowed = false;
    const { registry } = open(dataDir, { allowPrivate: () => allowed });
    expect(await codeOf(registry.add(url))).toMatch(
      /^network: .*points at this computer or the local network, which is not allowed/,
    );
    // a public-looking name that resolves to this computer is refused too
    const named = url.replace('127.0.0.1', 'catalog.example');
    const resolving = open(dataDir, {
      allowPrivate: () => false,
      resolve: async () => [{ address: '127.0.0.1' }],
    }).registry;
    expect(await codeOf(resolving.add(named))).toMatch(/local network, which is not allowed/);
    allowed = true;
    expect((await registry.add(url)).state).toBe('ready');
  });

  it('never lets a web source read a file on this computer', async () => {
    const dataDir = await tempDir(cleanups);
    const secret = join(dataDir, 'secret.json');
    await writeFile(secret, JSON.stringify(essaimCatalog('Secret', [film('s')])));
    const { registry } = open(dataDir, {
      adapters: [
        {
          kind: 'essaim',
          recognises: () => true,
          load: async (_address, context) => {
            await context.fetchText(secret);
            return { name: 'x', titles: [], channels: [], problems: [] };
          },
        },
      ],
    });
    const { url } = await switchableCatalog([]);
    expect(await codeOf(registry.add(url))).toMatch(
      /a file on this computer, which a source may not read/,
    );
  });

  it('uses --catalog sources for this run only, and never removes the built-in catalog', async () => {
    const dataDir = await tempDir(cleanups);
    const builtIn = join(dataDir, 'builtin.json');
    await writeFile(builtIn, JSON.stringify(essaimCatalog('Built in', [film('a')])));
    const cli = join(dataDir, 'cli.json');
    await writeFile(
      cli,
      JSON.stringify(essaimCatalog('Mine', [film('a', { name: 'Other' }), film('c')])),
    );
    const { registry } = open(dataDir, { builtIn, commandLine: [cli] });
    await registry.ready;
    expect(registry.list().map((s) => [s.origin, s.state, s.titles])).toEqual([
      ['builtin', 'ready', 1],
      ['command-line', 'ready', 2],
    ]);
    // first wins, in source order
    expect(registry.view().titles.map((t) => [t.id, t.name, t.sourceId])).toEqual([
      ['a', 'Film a', 'builtin'],
      ['c', 'Film c', registry.list()[1]?.id],
    ]);
    expect(await codeOf(registry.remove('builtin'))).toMatch(
      /^invalid-input: The catalog that comes with Essaim/,
    );
    expect(await codeOf(registry.remove('nope'))).toMatch(/^not-found/);
    await expect(readFile(join(dataDir, 'sources.json'))).rejects.toThrow();
  });

  it('shows a file source from its last good copy at start, then reads the file again', async () => {
    const dataDir = await tempDir(cleanups);
    const cli = join(dataDir, 'mine.json');
    await writeFile(cli, JSON.stringify(essaimCatalog('Mine', [film('old')])));
    const first = open(dataDir, { commandLine: [cli] }).registry;
    await first.ready;
    first.close();
    // the file changed while the app was closed
    await writeFile(cli, JSON.stringify(essaimCatalog('Mine', [film('new')])));
    const { registry, events } = open(dataDir, { commandLine: [cli] });
    await registry.ready;
    expect(
      registry.view().titles.map((t) => t.id),
      'shown at once',
    ).toEqual(['old']);
    for (let waited = 0; events.catalog === 0 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(
      registry.view().titles.map((t) => t.id),
      'after the file was read',
    ).toEqual(['new']);
  });

  it('removes a source: its titles leave the shelf and it stays gone after a restart', async () => {
    const dataDir = await tempDir(cleanups);
    const { url } = await switchableCatalog([film('w1')]);
    const { registry, events } = open(dataDir);
    const added = await registry.add(url);
    const before = events.catalog;
    await registry.remove(added.id);
    expect(events.catalog).toBe(before + 1);
    expect(registry.view().titles).toEqual([]);
    expect(registry.list()).toEqual([]);
    const again = open(dataDir).registry;
    await again.ready;
    expect(again.list()).toEqual([]);
  });
});
