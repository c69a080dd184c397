// The same journey through the desktop app (Playwright's Electron driver): catalog -> play ->
// picture moves, the secure bridge in place, and a restart that keeps the library.
// Runs wherever an Electron binary is installed; skipped, saying why, where it cannot be.
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestVideo } from '../../electron/engine/test-support/media.js';
import { playFilmFromCatalog } from '../support/fixtures.js';
import { ELECTRON_MISSING, findElectronBinary } from '../support/electron-binary.js';
import { startFilmSwarm, type FilmSwarm } from '../support/film-swarm.js';
import { LOOPBACK_ENV, REPO_ROOT } from '../support/headless-app.js';
import { currentTime } from '../support/video.js';

const binary = findElectronBinary();
test.skip(binary === null, ELECTRON_MISSING);

let workDir: string;
let swarm: FilmSwarm;

test.beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'essaim-e2e-electron-'));
  const video = await makeTestVideo(workDir, { seconds: 30, name: 'electron-film.mp4' });
  swarm = await startFilmSwarm(video, workDir);
});

test.afterAll(async () => {
  await swarm?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function launch(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [REPO_ROOT, '--data-dir', dataDir, '--catalog', swarm.catalogPath],
    env: { ...process.env, ...LOOPBACK_ENV } as Record<string, string>,
    cwd: REPO_ROOT,
  });
  const page = await app.firstWindow();
  return { app, page };
}

test('plays the catalog film in the desktop window through the preload bridge', async () => {
  const { app, page } = await launch(join(workDir, 'data-play'));
  try {
    expect(page.url()).toMatch(/^app:\/\/essaim\//);
    // the page sees the contract bridge and nothing of Node
    const surface = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const bridge = g['essaim'] as Record<string, unknown> | undefined;
      return {
        bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
        require: typeof g['require'],
        process: typeof g['process'],
      };
    });
    expect(surface).toEqual({
      bridgeKeys: ['invoke', 'on', 'systemLanguages'],
      require: 'undefined',
      process: 'undefined',
    });

    await playFilmFromCatalog(page);
    await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  } finally {
    await app.close();
  }
});

test('keeps the library across a restart of the desktop app', async () => {
  const dataDir = join(workDir, 'data-restart');
  const first = await launch(dataDir);
  try {
    await playFilmFromCatalog(first.page);
    await expect.poll(() => currentTime(first.page), { timeout: 60_000 }).toBeGreaterThan(1);
  } finally {
    await first.app.close();
  }
  const second = await launch(dataDir);
  try {
    await expect(
      second.page.locator(`[data-testid="library-item"][data-item-id="${swarm.infoHash}"]`),
    ).toBeVisible();
  } finally {
    await second.app.close();
  }
});
