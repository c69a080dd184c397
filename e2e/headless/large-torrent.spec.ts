// A season pack of 10,000 files in the built app and real Chromium: its file list keeps only a few
// dozen rows in the page, yet scrolling and the keyboard reach the last file, and choosing it plays it.
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeManyFiles } from '../../electron/engine/test-support/many-files.js';
import { launchHeadless, type HeadlessApp } from '../support/headless-app.js';

const FILES = 10_000;
const LAST = FILES - 1;

type CreateTorrent = (
  input: string,
  opts: Record<string, unknown>,
  cb: (err: Error | null, torrent: Uint8Array) => void,
) => void;

let dir: string;
let app: HeadlessApp | undefined;

test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-e2e-large-'));
});

test.afterEach(async () => {
  await app?.stop();
  app = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function makeSeasonPack(): Promise<string> {
  const root = join(dir, 'Season Pack');
  await writeManyFiles(root, FILES);
  // the package ships no types: loaded by name, typed by what this test uses
  const name = 'create-torrent';
  const createTorrent = ((await import(name)) as { default: CreateTorrent }).default;
  const bytes = await new Promise<Uint8Array>((resolve, reject) =>
    // a closed loopback tracker: the test reaches nothing outside this machine
    createTorrent(
      root,
      { announceList: [['http://127.0.0.1:9/announce']], pieceLength: 16 * 1024 },
      (err, torrent) => (err ? reject(err) : resolve(torrent)),
    ),
  );
  const path = join(dir, 'season-pack.torrent');
  await writeFile(path, bytes);
  return path;
}

test('a 10,000-file list keeps few rows in the page, reaches the last file and plays it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const torrent = await makeSeasonPack();
  app = await launchHeadless(['--data-dir', join(dir, 'data'), torrent]);
  await page.goto(app.url);
  // opened from the command line, it starts playing; nobody shares it, so go back to the library
  await expect(page.getByTestId('player')).toBeVisible();
  await page.keyboard.press('Escape');
  const opened = performance.now();
  await page.getByTestId('library-item').getByRole('button', { name: 'Details' }).click();

  const list = page.locator('section.files ul');
  const rows = list.locator('li');
  await expect(rows.first()).toBeVisible();
  const openMs = performance.now() - opened;
  const inPage = await rows.count();
  console.log(
    `[measure] item screen with ${FILES} files: ${inPage} rows in the page, shown in ${openMs.toFixed(0)} ms`,
  );
  expect(inPage).toBeGreaterThan(0);
  expect(inPage).toBeLessThan(100);
  // screen readers still hear where a row sits in the whole list
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(FILES));

  // scrolling to the end brings the last file in, and still only a few rows
  const scroller = page.getByTestId('file-scroller');
  await scroller.evaluate((box) => box.scrollTo(0, box.scrollHeight));
  const lastRow = list.locator(`li[aria-posinset="${FILES}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toContainText('clip-09999.mp4');
  expect(await rows.count()).toBeLessThan(100);

  // the keyboard: Tab enters the list at one Play button; Home, End and the arrows move
  await scroller.evaluate((box) => box.scrollTo(0, 0));
  let tabs = 0;
  while ((await focusedFile(page)) === null && tabs++ < 20) await page.keyboard.press('Tab');
  expect(await focusedFile(page)).not.toBeNull();
  await page.keyboard.press('End');
  await expect.poll(() => focusedFile(page)).toBe(LAST);
  await page.keyboard.press('ArrowUp'); // the two files before it are not videos
  await expect.poll(() => focusedFile(page)).toBe(LAST - 3);
  await page.keyboard.press('Home');
  await expect.poll(() => focusedFile(page)).toBe(0);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => focusedFile(page)).toBe(3);
  await page.keyboard.press('End');
  await expect.poll(() => focusedFile(page)).toBe(LAST);
  expect(await rows.count()).toBeLessThan(100);

  // choosing it plays it, and back on the item it is the file marked to play
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('player')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(lastRow).toBeVisible();
  await expect(lastRow).toHaveAttribute('aria-current', 'true');
  await expect(lastRow).toContainText('Plays by default');
});

/** The file index of the focused Play button, or null when focus is elsewhere. */
function focusedFile(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const index = document.activeElement?.getAttribute('data-file-index');
    return index === null || index === undefined ? null : Number(index);
  });
}
