// Playwright fixtures for the headless journey: one ffmpeg video per worker; per test a temp
// folder, a loopback swarm seeding the film, and launchers for the built headless app.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestVideo } from '../../electron/engine/test-support/media.js';
import { FILM_ID, startFilmSwarm, type FilmSwarm } from './film-swarm.js';
import { launchHeadless, type HeadlessApp } from './headless-app.js';

/** Long enough to seek to 70 % and still watch it advance. */
export const VIDEO_SECONDS = 60;

interface WorkerFixtures {
  videoPath: string;
}

interface TestFixtures {
  workDir: string;
  swarm: FilmSwarm;
  /** Starts the built headless app on `dataDir` (default: a fresh one) with the film's catalog. */
  launchApp: (options?: {
    dataDir?: string;
    extraArgs?: string[];
    /** laid over the loopback switches, e.g. { ESSAIM_ALLOW_PRIVATE_ADDRESSES: '0' } */
    env?: Record<string, string>;
  }) => Promise<HeadlessApp>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  videoPath: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'essaim-e2e-media-'));
      await use(await makeTestVideo(dir, { seconds: VIDEO_SECONDS, name: 'loopback-film.mp4' }));
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument
  workDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'essaim-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  swarm: async ({ videoPath, workDir }, use) => {
    const swarm = await startFilmSwarm(videoPath, workDir);
    await use(swarm);
    await swarm.close();
  },

  launchApp: async ({ swarm, workDir }, use, testInfo) => {
    const started: HeadlessApp[] = [];
    let runs = 0;
    await use(async (options = {}) => {
      runs += 1;
      const dataDir = options.dataDir ?? join(workDir, `data-${runs}`);
      const app = await launchHeadless(
        ['--data-dir', dataDir, '--catalog', swarm.catalogPath, ...(options.extraArgs ?? [])],
        undefined,
        options.env,
      );
      started.push(app);
      return app;
    });
    for (const [index, app] of started.entries()) {
      await app.stop();
      // The app's own log is the first thing to read when a journey fails.
      await testInfo.attach(`headless-${index + 1}.log`, {
        body: app.log(),
        contentType: 'text/plain',
      });
    }
  },
});

export { expect };

/** Home -> the film's card -> Play, then waits for the player. */
export async function playFilmFromCatalog(page: Page): Promise<void> {
  await expect(page.getByTestId('home')).toBeVisible();
  await page
    .locator(`[data-testid="title-card"][data-title-id="${FILM_ID}"]`)
    .getByRole('button')
    .click();
  await page.getByTestId('play-button').first().click();
  await expect(page.getByTestId('player')).toBeVisible();
}
