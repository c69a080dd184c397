// Headless mode as a program: it refuses what it must (no token, a non-loopback address, bad
// arguments) in plain words, opens a magnet given on its command line, and stops cleanly.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.js';
import { runHeadlessToExit } from '../support/headless-app.js';
import { currentTime } from '../support/video.js';

test('the page without its token is refused in a plain sentence', async ({ page, launchApp }) => {
  const app = await launchApp();
  const url = new URL(app.url);
  const response = await page.goto(`${url.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('access token is missing or wrong');
  const wrong = await page.goto(`${url.origin}/?token=guessed`);
  expect(wrong?.status()).toBe(403);
});

test('refuses to listen beyond this computer, and explains bad arguments', async ({ workDir }) => {
  const wide = await runHeadlessToExit(['--data-dir', workDir, '--host', '0.0.0.0']);
  expect(wide.code).toBe(2);
  expect(wide.stderr).toContain('only listens on this computer');
  expect(wide.stdout).not.toContain('Essaim is running at');

  const bad = await runHeadlessToExit(['--data-dir', workDir, 'not-a-torrent.exe']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('cannot be opened');
});

test('a magnet on the command line opens and plays in the window that connects later', async ({
  page,
  launchApp,
  swarm,
}) => {
  const app = await launchApp({ extraArgs: [swarm.magnet] });
  await page.goto(app.url);
  await expect(page.getByTestId('player')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
});

test('stops cleanly on SIGTERM', async ({ launchApp }) => {
  const app = await launchApp();
  expect(await app.stop()).toBe(0);
});

test('a damaged library file is set aside and the window says so in plain words', async ({
  page,
  launchApp,
  workDir,
}) => {
  const dataDir = join(workDir, 'damaged-library');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'library.json'), '{"version": 1, "items": [{"id": "trunc');
  const app = await launchApp({ dataDir });
  await page.goto(app.url);
  await expect(page.getByTestId('notice').first()).toContainText(/damaged|set aside/i);
  // the damaged file is kept beside the fresh library, not deleted
  const kept = await readdir(dataDir);
  expect(kept.some((name) => name.startsWith('library.corrupt-'))).toBe(true);
  await expect(page.getByTestId('home')).toBeVisible();
});
