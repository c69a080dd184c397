// A library that cannot be saved is not a silent loss: with the data folder taken away (as an
// unplugged disk does) the window says so in the user's language, then says when it is saved again,
// and the change made meanwhile is on disk.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.js';
import { launchHeadless } from '../support/headless-app.js';

test('a save that fails is shown, retried, and shown again once it works', async ({
  page,
  workDir,
}, testInfo) => {
  const dataDir = join(workDir, 'data');
  const away = join(workDir, 'data-unplugged');
  const app = await launchHeadless(['--data-dir', dataDir]);
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('tab-titles')).toHaveText(/Titles/);

    await rename(dataDir, away);
    await writeFile(dataDir, 'the disk holding the data folder is gone');
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-dialog').getByLabel('Language').selectOption('fr');
    await page.keyboard.press('Escape');

    const notices = page.getByTestId('notice');
    await expect(notices.filter({ hasText: 'n’a pas pu être enregistrée' })).toHaveCount(1);
    await expect(notices.first()).toContainText('son dossier de données');
    await expect(notices.first()).toHaveAttribute('role', 'alert');

    await rm(dataDir);
    await rename(away, dataDir);
    // the first retry comes a couple of seconds later, with nobody asking for it
    await expect(notices.filter({ hasText: 'de nouveau enregistrée' })).toHaveCount(1);
    await expect(notices.filter({ hasText: 'n’a pas pu être enregistrée' })).toHaveCount(0);

    const saved = JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8')) as {
      settings: { language: string };
    };
    expect(saved.settings.language).toBe('fr');
    expect(app.log()).toMatch(/library save failed \(attempt 1/);
  } finally {
    await app.stop();
    await testInfo.attach('headless.log', { body: app.log(), contentType: 'text/plain' });
  }
  // the log file, on the same disk, lost what was said while that disk was away, and says so
  const logged = await readFile(join(dataDir, 'logs', 'essaim.log'), 'utf8');
  expect(logged).toMatch(/log lines were lost/);
  expect(logged).toContain('Your library is saved again');
});

test('closing while the library cannot be saved makes a last attempt and says so in the log', async ({
  page,
  workDir,
}, testInfo) => {
  const dataDir = join(workDir, 'data');
  const app = await launchHeadless(['--data-dir', dataDir]);
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('tab-titles')).toHaveText(/Titles/);
    await rename(dataDir, join(workDir, 'data-unplugged'));
    await writeFile(dataDir, 'the disk holding the data folder is gone');
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-dialog').getByLabel('Language').selectOption('fr');
    await expect(page.getByTestId('notice')).toContainText('n’a pas pu être enregistrée');
  } finally {
    expect(await app.stop()).toBe(0);
    await testInfo.attach('headless.log', { body: app.log(), contentType: 'text/plain' });
  }
  expect(app.log()).toMatch(
    /The latest changes to your library could not be saved before closing: Essaim cannot write to its data folder/,
  );
});
