// One app per data folder, as a user meets it: a second launch on the folder hands its magnet to
// the running app (the title shows up there) and exits without touching the folder; after a
// kill -9 the next launch takes the folder over.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.js';
import { runHeadlessToExit } from '../support/headless-app.js';

const LOCK = 'essaim.lock';

async function snapshot(dataDir: string): Promise<unknown> {
  const library = join(dataDir, 'library.json');
  return {
    files: (await readdir(dataDir)).sort(),
    library: existsSync(library)
      ? { text: await readFile(library, 'utf8'), mtime: (await stat(library)).mtimeMs }
      : null,
  };
}

test('a second launch without a title says where the running app is and leaves its folder alone', async ({
  page,
  launchApp,
  swarm,
  workDir,
}) => {
  const dataDir = join(workDir, 'shared-data');
  const first = await launchApp({ dataDir });
  await page.goto(first.url);
  await expect(page.getByTestId('home')).toBeVisible();
  const before = await snapshot(dataDir);

  const second = await runHeadlessToExit(
    ['--data-dir', dataDir, '--catalog', swarm.catalogPath],
    20_000,
  );
  expect(second.code).toBe(0);
  expect(second.stdout.trim()).toBe(
    `Essaim is already running with this data folder (pid ${first.process.pid}), at ${first.url}.`,
  );
  expect(await snapshot(dataDir)).toEqual(before);
  // the first one carries on
  await page.reload();
  await expect(page.getByTestId('home')).toBeVisible();
});

test('a second launch with a magnet opens it in the running app and exits', async ({
  page,
  context,
  launchApp,
  swarm,
  workDir,
}) => {
  const dataDir = join(workDir, 'shared-data');
  const first = await launchApp({ dataDir });
  await page.goto(first.url);
  await expect(page.getByTestId('home')).toBeVisible();

  const second = await runHeadlessToExit(['--data-dir', dataDir, swarm.magnet], 30_000);
  expect(second.code).toBe(0);
  expect(second.stdout).toContain(
    `Essaim is already running with this data folder (pid ${first.process.pid}); the title was opened there`,
  );
  // The running app's window plays it, and its library has it.
  await expect(page.getByTestId('player')).toBeVisible();
  const other = await context.newPage();
  await other.goto(first.url);
  await expect(
    other.locator(`[data-testid="library-item"][data-item-id="${swarm.infoHash}"]`),
  ).toBeVisible();
  expect(JSON.parse(await readFile(join(dataDir, LOCK), 'utf8'))).toMatchObject({
    pid: first.process.pid,
  });
});

test('after a kill -9 the next launch takes the folder over', async ({
  page,
  launchApp,
  workDir,
}) => {
  const dataDir = join(workDir, 'shared-data');
  const killed = await launchApp({ dataDir });
  const exited = new Promise((resolve) => killed.process.once('exit', resolve));
  killed.process.kill('SIGKILL');
  await exited;
  expect(existsSync(join(dataDir, LOCK))).toBe(true); // left behind, as a crash leaves it

  const next = await launchApp({ dataDir });
  await page.goto(next.url);
  await expect(page.getByTestId('home')).toBeVisible();
  expect(JSON.parse(await readFile(join(dataDir, LOCK), 'utf8'))).toMatchObject({
    pid: next.process.pid,
  });
});
