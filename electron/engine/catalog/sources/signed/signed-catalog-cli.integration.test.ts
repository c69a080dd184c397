// The publish-catalog command as a user runs it, in a process of its own: a viewer gets the
// catalog from it alone, then the publisher stops and a second viewer still gets the catalog,
// from the first viewer, through the pointer the DHT kept: the catalog outlived its server. It
// even outlives every viewer closing, as long as one of them starts again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { TorrentClient } from '../../../torrent/torrent-client.js';
import { SourceError } from '../../catalog-source.js';
import { catalogSwarm, type CatalogSwarm } from '../../signed/catalog-swarm.js';
import type { SourceContext } from '../source-adapter.js';
import { createSignedAdapter } from './signed-adapter.js';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const noFetch: SourceContext = {
  fetchText: () => Promise.reject(new SourceError('no mirror in this test')),
  fetchBytes: () => Promise.reject(new SourceError('no mirror in this test')),
  allowLocalNetwork: () => true,
  log: () => {},
};

const clients: TorrentClient[] = [];
const swarms: CatalogSwarm[] = [];
let publisher: ChildProcess | undefined;
let dir: string | undefined;

afterAll(async () => {
  publisher?.kill('SIGKILL');
  for (const s of swarms) s.close();
  await Promise.all(clients.map((c) => c.destroy()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function node(bootstrap: string[]): Promise<{ client: TorrentClient; address: string }> {
  const client = new TorrentClient({
    dht: true,
    lsd: false,
    allowPrivateAddresses: true,
    maxConns: 20,
    downloadLimit: 0,
    uploadLimit: 0,
    dhtBootstrap: bootstrap,
    log: () => {},
  });
  clients.push(client);
  const dht = client.smallFiles.dht()!;
  if (!dht.listening) await new Promise((resolve) => dht.once('listening', resolve));
  if (bootstrap.length > 0 && !dht.ready)
    await new Promise((resolve) => dht.once('ready', resolve));
  return { client, address: `127.0.0.1:${dht.address().port}` };
}

function viewerAdapter(client: TorrentClient, name: string) {
  const swarm = catalogSwarm(client.smallFiles, join(dir!, `${name}-shared`), () => {});
  swarms.push(swarm);
  return createSignedAdapter({
    stateDir: join(dir!, name),
    swarm,
    timeouts: { pointerMs: 20_000, peersMs: 30_000 },
  });
}

it('publishes from the command line; the catalog outlives its publisher', async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-signed-cli-'));
  const relay = await node([]);
  const first = await node([relay.address]);
  const file = join(dir, 'catalog.json');
  await writeFile(
    file,
    JSON.stringify({
      format: 'essaim-catalog',
      version: 1,
      name: 'Ciné-club',
      titles: [
        {
          id: 'sherlock-jr',
          kind: 'film',
          name: 'Sherlock Jr.',
          source: 'magnet:?xt=urn:btih:' + 'b'.repeat(40),
        },
      ],
    }),
  );
  publisher = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli/publish-catalog.ts',
      file,
      '--data-dir',
      join(dir, 'publisher'),
      '--seconds',
      '120',
      '--dht-bootstrap',
      `${relay.address},${first.address}`,
    ],
    {
      cwd: root,
      env: { ...process.env, ESSAIM_ALLOW_PRIVATE_ADDRESSES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  publisher.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not shared: ${output.join('')}`)), 45_000);
    publisher!.stdout!.on('data', (d: Buffer) => {
      output.push(d.toString());
      const text = output.join('');
      const found = /Catalog link: (\S+)/.exec(text);
      if (found && /Shared as torrent [0-9a-f]{40}; the pointer was stored by [1-9]/.test(text)) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    publisher!.once('exit', (code) => reject(new Error(`exited (${code}): ${output.join('')}`)));
  });
  expect(link).toMatch(/^essaim-catalog:\?pk=[0-9a-f]{64}&dn=Cin%C3%A9-club$/);

  const fromPublisher = await viewerAdapter(first.client, 'first').load(link, noFetch);
  expect(fromPublisher.titles.map((t) => t.name)).toEqual(['Sherlock Jr.']);

  // the publisher goes away for good (Ctrl+C)
  const exited = new Promise((resolve) => publisher!.once('exit', resolve));
  publisher.kill('SIGTERM');
  await exited;
  publisher = undefined;

  const second = await node([relay.address]);
  const withoutPublisher = await viewerAdapter(second.client, 'second').load(link, noFetch);
  expect(withoutPublisher.titles.map((t) => t.name)).toEqual(['Sherlock Jr.']);

  // both viewers close and the DHT forgets everything (a fresh node stands for it); the first
  // viewer starts again: it shares its stored copy and puts the stored pointer back at once, so
  // a third viewer still finds the catalog, with neither the publisher nor the second viewer
  await second.client.destroy();
  await first.client.destroy();
  const forgetfulDht = await node([]);
  const restarted = await node([forgetfulDht.address]);
  const again = await viewerAdapter(restarted.client, 'first').load(link, noFetch);
  expect(again.titles.map((t) => t.name)).toEqual(['Sherlock Jr.']);
  const third = await node([forgetfulDht.address]);
  const fromRestarted = await viewerAdapter(third.client, 'third').load(link, noFetch);
  expect(fromRestarted.titles.map((t) => t.name)).toEqual(['Sherlock Jr.']);
}, 120_000);
