// A signed catalog in Chromium against the built headless app: the publish-catalog command signs
// the test film's catalog and shares it on a loopback DHT; the user pastes the printed link in the
// Sources page, the catalog comes from the publisher (no mirror), and its film plays.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSignedCatalog } from '../../electron/engine/catalog/signed/catalog-publisher.js';
import { TorrentClient } from '../../electron/engine/torrent/torrent-client.js';
import { FILM_NAME } from '../support/film-swarm.js';
import { expect, playFilmFromCatalog, test } from '../support/fixtures.js';
import { launchHeadless, type HeadlessApp } from '../support/headless-app.js';
import { currentTime } from '../support/video.js';

const PUBLISH_ENTRY = fileURLToPath(
  new URL('../../dist/electron/cli/publish-catalog.js', import.meta.url),
);

/** A bare DHT node on loopback standing for the wide network: it stores pointers only. */
async function startRelay(): Promise<{ client: TorrentClient; address: string }> {
  const client = new TorrentClient({
    dht: true,
    lsd: false,
    allowPrivateAddresses: true,
    maxConns: 10,
    downloadLimit: 0,
    uploadLimit: 0,
    dhtBootstrap: [],
    log: () => {},
  });
  const dht = client.smallFiles.dht()!;
  if (!dht.listening) await new Promise((resolve) => dht.once('listening', resolve));
  return { client, address: `127.0.0.1:${dht.address().port}` };
}

async function publish(
  catalogPath: string,
  dataDir: string,
  relay: string,
): Promise<{ child: ChildProcess; link: string }> {
  const child = spawn(
    process.execPath,
    [PUBLISH_ENTRY, catalogPath, '--data-dir', dataDir, '--stay', '--dht-bootstrap', relay],
    {
      env: { ...process.env, ESSAIM_ALLOW_PRIVATE_ADDRESSES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not shared in time:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Catalog link: (\S+)/.exec(output);
      if (found && /Shared as torrent [0-9a-f]{40}; the pointer was stored by [1-9]/.test(output)) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`publish-catalog exited (${code}):\n${output}`)));
  });
  return { child, link };
}

test('a signed catalog link added in the Sources page brings its film from peers, and it plays', async ({
  page,
  swarm,
  workDir,
}) => {
  const relay = await startRelay();
  let publisher: ChildProcess | undefined;
  let app: HeadlessApp | undefined;
  try {
    const published = await publish(swarm.catalogPath, join(workDir, 'publisher'), relay.address);
    publisher = published.child;
    expect(published.link).toMatch(/^essaim-catalog:\?pk=[0-9a-f]{64}&dn=E2E$/);

    // no --catalog: the film can only come from the signed catalog; the DHT is the loopback one
    app = await launchHeadless(['--data-dir', join(workDir, 'data')], undefined, {
      ESSAIM_NO_DHT: '0',
      ESSAIM_DHT_BOOTSTRAP: relay.address,
    });
    await page.goto(app.url);
    await expect(page.getByTestId('home')).toBeVisible();
    await expect(page.getByTestId('title-card')).toHaveCount(0);

    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-tab-sources').click();
    await page.getByLabel('Add a source').fill(published.link);
    await page.getByLabel('Add a source').press('Enter');
    const row = page.getByTestId('source-row');
    await expect(row).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(row).toContainText('Signed catalog');
    await expect(row).toContainText('E2E');
    await expect(row).toContainText('1 title');
    await page.keyboard.press('Escape');

    await playFilmFromCatalog(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FILM_NAME);
    await expect.poll(() => currentTime(page), { timeout: 60_000 }).toBeGreaterThan(1);
  } finally {
    await app?.stop();
    publisher?.kill('SIGTERM');
    await relay.client.destroy();
  }
});

test('a tampered mirror copy is refused in plain words, and nothing reaches the shelf', async ({
  page,
  swarm,
  workDir,
}) => {
  const prepared = await prepareSignedCatalog({
    file: swarm.catalogPath,
    dataDir: join(workDir, 'publisher'),
  });
  const genuine = JSON.parse(await readFile(prepared.signedPath, 'utf8')) as { catalog: string };
  // one title renamed inside the signed catalog: the signature no longer matches
  const tampered = JSON.stringify({
    ...genuine,
    catalog: genuine.catalog.replace('Loopback', 'Evil'),
  });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(tampered);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.signed.json`;
  const link = `essaim-catalog:?pk=${prepared.key.publicKeyHex}&mirror=${encodeURIComponent(mirror)}`;
  // the DHT stays off (the loopback default): the mirror is the only route
  const app = await launchHeadless(['--data-dir', join(workDir, 'data')]);
  try {
    await page.goto(app.url);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-tab-sources').click();
    await page.getByLabel('Add a source').fill(link);
    await page.getByLabel('Add a source').press('Enter');
    await expect(page.getByTestId('sources-page')).toContainText(
      'the copy from the mirror was refused (its signature does not match: it was altered or forged)',
    );
    await expect(page.getByTestId('source-row')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('title-card')).toHaveCount(0);
  } finally {
    await app.stop();
    server.closeAllConnections();
    server.close();
  }
});
