// Opening a .torrent that cannot be played: a damaged or empty file, or a real torrent holding only
// a program and a text file. The Open dialog says why in plain words; no player opens and the
// library stays as it was.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startSeeder } from '../../electron/engine/test-support/swarm.js';
import { expect, test } from '../support/fixtures.js';

async function openInDialog(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('open-button').click();
  const dialog = page.getByTestId('open-dialog');
  await expect(dialog).toBeVisible();
  await page
    .getByTestId('open-file-input')
    .setInputFiles({ name, mimeType: 'application/x-bittorrent', buffer });
  return dialog;
}

async function expectNothingOpened(page: Page) {
  await expect(page.getByTestId('player')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('open-dialog')).toHaveCount(0);
  await expect(page.getByTestId('home')).toBeVisible();
  await expect(page.getByTestId('library-item')).toHaveCount(0);
}

test('a damaged or empty .torrent is explained in the dialog, and no player opens', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByTestId('home')).toBeVisible();

  for (const [name, bytes] of [
    ['damaged.torrent', Buffer.from('d4:infod4:name5:Film')],
    ['empty.torrent', Buffer.alloc(0)],
  ] as const) {
    const dialog = await openInDialog(page, name, bytes);
    await expect(page.getByTestId('open-file-error')).toContainText(
      'This .torrent file is damaged or is not a torrent at all.',
    );
    await expect(dialog).toBeVisible();
    await expectNothingOpened(page);
  }
});

test('a torrent with no video says so in the dialog before anything is added', async ({
  page,
  launchApp,
  workDir,
}) => {
  // a real torrent of a folder holding only a program and a text file
  const folder = join(workDir, 'Tools');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'setup.exe'), Buffer.alloc(50_000, 1));
  await writeFile(join(folder, 'readme.txt'), 'run setup.exe');
  const seeder = await startSeeder({ path: folder, announce: [] });
  await seeder.close();

  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByTestId('home')).toBeVisible();
  await openInDialog(page, 'tools.torrent', seeder.torrentBytes);
  const problem = page.getByTestId('open-file-error');
  await expect(problem).toContainText('This torrent holds no video that can be played here.');
  await expect(problem).toContainText('setup.exe');
  await expectNothingOpened(page);
});
