// The core journey in a real browser against the built headless app and a real loopback swarm:
// catalog -> play -> the picture moves; seek far ahead -> it plays on from there.
import { FILM_NAME } from '../support/film-swarm.js';
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { currentTime, videoState } from '../support/video.js';

test('plays the catalog film streamed from the swarm, with no CSP violation', async ({
  page,
  launchApp,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const app = await launchApp();
  await page.goto(app.url);
  await playFilmFromCatalog(page);

  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  expect((await videoState(page)).error).toBeNull();
  // the player is titled with the catalog's name for the film, not the torrent's file name
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FILM_NAME);
  // the seeder is a peer while we watch, and the window shows it
  await expect
    .poll(async () => Number(await page.getByTestId('stat-peers').textContent()))
    .toBeGreaterThanOrEqual(1);
  expect(violations).toEqual([]);
});

test('seeking far ahead with the keyboard resumes playback there', async ({ page, launchApp }) => {
  const app = await launchApp();
  await page.goto(app.url);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  const { duration } = await videoState(page);
  expect(duration).toBeGreaterThan(50);

  // Shift+Right is +30 s and Right +5 s: from under 2 s this lands past 70 % of the film.
  await page.getByTestId('player').hover();
  await page.getByTestId('seek-bar').focus();
  await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');

  const target = 0.7 * duration;
  await expect.poll(() => currentTime(page), { timeout: 45_000 }).toBeGreaterThan(target);
  const landed = await currentTime(page);
  await expect.poll(() => currentTime(page), { timeout: 45_000 }).toBeGreaterThan(landed + 1);
  const state = await videoState(page);
  expect(state.paused).toBe(false);
  expect(state.error).toBeNull();
});

test('the seek bar shows the time under the pointer and clicking there seeks', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp();
  await page.goto(app.url);
  await playFilmFromCatalog(page);
  await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(0.5);
  const { duration } = await videoState(page);

  const bar = page.getByTestId('seek-bar');
  const box = await bar.boundingBox();
  if (!box) throw new Error('the seek bar is not on screen');
  // rest the pointer at 60 %: the time there shows (and the engine starts fetching it)
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect(page.locator('.seek__hover-time')).toHaveText(/^\d+:\d\d$/);
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect.poll(() => currentTime(page), { timeout: 45_000 }).toBeGreaterThan(0.5 * duration);
});
