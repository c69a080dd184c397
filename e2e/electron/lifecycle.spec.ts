// The desktop app's lifecycle as a user meets it: a reloaded window ends its playback, a second
// launch on the same data folder hands its magnet to the running app and leaves, and a French
// system gets a French window. Runs wherever an Electron binary is installed; skipped, saying
// why, where it cannot be.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
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
  workDir = await mkdtemp(join(tmpdir(), 'essaim-e2e-electron-life-'));
  const video = await makeTestVideo(workDir, { seconds: 30, name: 'electron-life.mp4' });
  swarm = await startFilmSwarm(video, workDir);
});

test.afterAll(async () => {
  await swarm?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function appEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...process.env, ...LOOPBACK_ENV, ...extra } as Record<string, string>;
}

async function launch(dataDir: string, env?: Record<string, string>): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary ?? undefined,
    args: [REPO_ROOT, '--data-dir', dataDir, '--catalog', swarm.catalogPath],
    env: appEnv(env),
    cwd: REPO_ROOT,
  });
}

test('reloading the desktop window ends its playback', async () => {
  const app = await launch(join(workDir, 'data-reload'));
  try {
    const page = await app.firstWindow();
    await page.getByTestId('settings-button').click();
    const dialog = page.getByTestId('settings-dialog');
    await dialog.locator('#setting-seed').uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await playFilmFromCatalog(page);
    await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);

    await page.reload();
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(
      page
        .locator(`[data-testid="library-item"][data-item-id="${swarm.infoHash}"] [data-status]`)
        .first(),
    ).toHaveAttribute('data-status', /^(paused|complete)$/);
  } finally {
    await app.close();
  }
});

test('a second launch on the same data folder hands its magnet to the running app', async () => {
  const dataDir = join(workDir, 'data-second');
  const app = await launch(dataDir);
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('home')).toBeVisible();
    const second = spawn(binary ?? '', [REPO_ROOT, '--data-dir', dataDir, swarm.magnet], {
      env: appEnv(),
      cwd: REPO_ROOT,
    });
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('Essaim is already running with this data folder');
    // the running app's own window plays what the second launch was given
    await expect(page.getByTestId('player')).toBeVisible({ timeout: 30_000 });
  } finally {
    await app.close();
  }
});

test('a French system gets a French window on first run', async () => {
  const app = await launch(join(workDir, 'data-french'), { LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  } finally {
    await app.close();
  }
});
