// Catalog sources from the Settings window, in Chromium against the built headless app: add a
// catalog served over loopback HTTP, see its titles on the shelf and its state, watch it keep its
// last good copy when its server stops, then remove it.
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.js';
import { launchHeadless, type HeadlessApp } from '../support/headless-app.js';

const MAGNET = 'magnet:?xt=urn:btih:dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c&dn=Meadow';
const CATALOG = {
  format: 'essaim-catalog',
  version: 1,
  name: 'Loopback cinema',
  titles: [
    { id: 'lc-meadow', kind: 'film', name: 'The Quiet Meadow', year: 2021, source: MAGNET },
    { id: 'lc-harbour', kind: 'film', name: 'Night <b>Harbour</b>', year: 2019, source: MAGNET },
  ],
};

interface Switch {
  on: boolean;
  /** answers wait this long, so the wait can be seen */
  delayMs: number;
}

async function catalogServer(): Promise<{ url: string; server: Server; up: Switch }> {
  const up: Switch = { on: true, delayMs: 0 };
  const server = createServer((_req, res) => {
    setTimeout(() => {
      if (!up.on) return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(CATALOG));
    }, up.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/cinema.json`, server, up };
}

async function openSources(page: Page) {
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await page.getByTestId('settings-tab-sources').click();
  await expect(page.getByTestId('sources-page')).toBeVisible();
}

test('adds a catalog from the Sources page, shows its titles and state, then removes it', async ({
  page,
  workDir,
}) => {
  const { url, server, up } = await catalogServer();
  let app: HeadlessApp | undefined;
  try {
    app = await launchHeadless(['--data-dir', join(workDir, 'data')]);
    await page.goto(app.url);
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(page.getByTestId('title-card')).toHaveCount(0);

    await openSources(page);
    await expect(page.getByTestId('sources-page')).toContainText('No sources yet');
    // a bad address is explained next to the field, and nothing is added
    await page.getByLabel('Add a source').fill('just some words');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByTestId('sources-page')).toContainText(
      'This is not an address a catalog can be read from',
    );
    await expect(page.getByTestId('source-row')).toHaveCount(0);

    up.delayMs = 1500;
    await page.getByLabel('Add a source').fill(url);
    await page.getByLabel('Add a source').press('Enter');
    // progress while the source is read
    await expect(page.getByText('Adding the source: reading it…')).toBeVisible();
    const row = page.getByTestId('source-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-state', 'ready');
    await expect(row).toContainText('Loopback cinema');
    await expect(row).toContainText('Essaim catalog');
    await expect(row.getByTestId('source-state')).toHaveText('Up to date');
    await expect(row).toContainText('2 titles');
    await expect(page.getByLabel('Add a source')).toHaveValue('');

    // the shelf follows at once, markup in names shown as text
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('title-card')).toHaveCount(2);
    await expect(page.locator('[data-title-id="lc-harbour"]')).toContainText(
      'Night <b>Harbour</b>',
    );

    up.delayMs = 0;
    // the server stops: a refresh keeps the last good copy and says why
    up.on = false;
    await openSources(page);
    await row.getByRole('button', { name: 'Refresh' }).click();
    await expect(row).toHaveAttribute('data-state', 'stale');
    await expect(row.getByTestId('source-state')).toHaveText('Last good copy');
    await expect(row.getByTestId('source-problem')).toContainText(
      'could not be refreshed because the server answered with error 503',
    );
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('title-card')).toHaveCount(2);

    // kept across a restart, shown from the saved copy
    await app.stop();
    app = await launchHeadless(['--data-dir', join(workDir, 'data')]);
    await page.goto(app.url);
    await expect(page.getByTestId('title-card')).toHaveCount(2);

    // removed with the keyboard: the row and its titles go
    await openSources(page);
    await page.getByRole('button', { name: 'Remove' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('source-row')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('title-card')).toHaveCount(0);
  } finally {
    await app?.stop();
    server.closeAllConnections();
    server.close();
  }
});

test('the Sources page speaks French', async ({ page, workDir }) => {
  const dataDir = join(workDir, 'fr');
  const path = join(workDir, 'cli.json');
  await writeFile(path, JSON.stringify(CATALOG));
  const app = await launchHeadless(['--data-dir', dataDir, '--catalog', path]);
  try {
    await page.goto(app.url);
    await page.getByTestId('settings-button').click();
    await page.locator('#setting-language').selectOption('fr');
    await page.getByTestId('settings-tab-sources').click();
    const row = page.getByTestId('source-row');
    await expect(row.getByTestId('source-state')).toHaveText('À jour');
    await expect(row).toContainText('2 titres');
    await expect(row).toContainText('Depuis la ligne de commande, pour cette session');
    await expect(page.getByLabel('Ajouter une source')).toBeVisible();
  } finally {
    await app.stop();
  }
});
