// The player works from the keyboard (Space, m, Tab to the controls), and the window speaks
// French when asked, remembering it.
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { currentTime, focusedElement, videoState } from '../support/video.js';

test('Space pauses and resumes, m mutes, Tab reaches the player controls', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);

  await page.keyboard.press('Space');
  await expect.poll(async () => (await videoState(page)).paused).toBe(true);
  await page.keyboard.press('Space');
  await expect.poll(async () => (await videoState(page)).paused).toBe(false);

  await page.keyboard.press('m');
  await expect.poll(async () => (await videoState(page)).muted).toBe(true);
  await page.keyboard.press('m');
  await expect.poll(async () => (await videoState(page)).muted).toBe(false);

  const reached: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedElement(page);
    if (focused.inPlayer && ['BUTTON', 'INPUT'].includes(focused.tag))
      reached.push(focused.testId ?? focused.tag);
  }
  expect(reached).toContain('seek-bar');
  // and at least one other control (play/pause, volume, fullscreen…)
  expect(reached.some((name) => name !== 'seek-bar')).toBe(true);
});

test('switching the language to French in the settings translates the window and is kept', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByTestId('tab-titles')).toHaveText(/Titles/);

  await page.getByTestId('settings-button').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Language').selectOption('fr');
  await expect(dialog).toContainText('Réglages');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tab-titles')).toHaveText(/Titres/);

  await page.reload();
  await expect(page.getByTestId('tab-titles')).toHaveText(/Titres/);
});
