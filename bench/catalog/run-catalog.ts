// Catalog benchmark: the built headless app with 10,000 titles from several catalog files, in
// Chromium. Measures start-up (page load to first cards, titles already cached by the engine),
// search (input to results drawn) and scrolling (frame intervals, long tasks). It measures and
// records, never passes or fails. Usage: npm run bench:catalog -- [--titles N] [--files N]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium.js';
import { launchHeadless, type HeadlessApp } from '../../e2e/support/headless-app.js';
import { writeManyTitles } from '../../e2e/support/many-titles.js';
import { frameSummary, round, spread } from './catalog-stats.js';
import { firstCardsMs, scriptedScroll, timeSearch, watchFirstCards } from './page-measures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const option = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const TITLES = option('--titles', 10_000);
const FILES = option('--files', 4);
const PAGE_LOADS = 5;
const COLD_STARTS = 3;
const QUERIES = [
  'amelie',
  'lama',
  'river',
  'golden harbour',
  'tanaka',
  '1987',
  'documentary',
  'the silent',
  'forest 12',
  'winter 999',
  'mei',
  'western',
  'le fleuve',
  'machine 4',
  'secret',
  'zzzz',
  'station 77',
  'berg',
  'distant island',
  'a',
];

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-bench-catalog-'));
  const dataDir = join(dir, 'data');
  const catalogs = await writeManyTitles(dir, TITLES, FILES);
  const args = ['--data-dir', dataDir, ...catalogs.flatMap((c) => ['--catalog', c])];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  let app: HeadlessApp | undefined;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await watchFirstCards(page);

    // a first start reads every catalog file and caches it; the figures below are from then on
    app = await launchHeadless(args, 120_000);
    await page.goto(app.url);
    const firstEver = await firstCardsMs(page);

    const warm: number[] = [];
    for (let i = 0; i < PAGE_LOADS; i++) {
      await page.reload();
      warm.push(await firstCardsMs(page));
    }

    const cold: number[] = [];
    const engineStart: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      await page.goto('about:blank');
      await app.stop();
      const t0 = performance.now();
      app = await launchHeadless(args, 120_000);
      engineStart.push(performance.now() - t0);
      await page.goto(app.url);
      cold.push(await firstCardsMs(page));
    }

    await page.getByTestId('title-grid').waitFor();
    await page.getByTestId('shelf-search').focus();
    const search: number[] = [];
    for (const query of QUERIES) {
      await page.getByTestId('shelf-search').fill('');
      await page.waitForTimeout(150);
      search.push(await timeSearch(page, query));
      await page.waitForTimeout(150);
    }
    await page.getByTestId('shelf-search').fill('');
    await page.waitForTimeout(300);

    const scroll = await scriptedScroll(page, 600, 40);
    const figures = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, loadavg: loadavg().map(round) },
      titles: TITLES + 0,
      catalogFiles: FILES,
      viewport: '1280x800',
      startup: {
        firstEverMs: round(firstEver),
        pageLoadToFirstCardsMs: spread(warm),
        engineStartMs: spread(engineStart),
        afterRestartPageLoadToFirstCardsMs: spread(cold),
      },
      searchMs: { ...spread(search), queries: QUERIES.length },
      scroll: {
        frames: frameSummary(scroll.intervals),
        longTasks: {
          count: scroll.longTasks.length,
          totalMs: round(scroll.longTasks.reduce((a, b) => a + b, 0)),
        },
        scrolledPx: scroll.scrolledPx,
        cardsInPage: scroll.cardsInPage,
      },
    };
    const out = join(root, 'bench/results');
    await mkdir(out, { recursive: true });
    const file = join(out, `catalog-${figures.when.replace(/[:.]/g, '-')}.json`);
    await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(JSON.stringify(figures, null, 2));
    console.log(`Written to ${file}`);
  } finally {
    await app?.stop();
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
