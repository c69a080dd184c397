// Signed catalogs end to end on loopback: a publisher signs, seeds and puts its BEP 46 pointer in
// a small DHT (three real nodes bootstrapping to each other); a viewer adds the link and gets the
// catalog from that one peer with no mirror, then forged, older and tampered copies are refused.
import { createServer, type Server } from 'node:http';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCatalogLink } from '../../../../../shared/catalog-link.js';
import { TorrentClient } from '../../../torrent/torrent-client.js';
import { SourceError } from '../../catalog-source.js';
import { prepareSignedCatalog, shareSignedCatalog } from '../../signed/catalog-publisher.js';
import { catalogSwarm, type CatalogSwarm } from '../../signed/catalog-swarm.js';
import type { SourceContext } from '../source-adapter.js';
import { createSignedAdapter } from './signed-adapter.js';

const MAGNET = (n: number) => `magnet:?xt=urn:btih:${String(n).repeat(40).slice(0, 40)}`;
const catalogText = (name: string, titles: string[]) =>
  JSON.stringify({
    format: 'essaim-catalog',
    version: 1,
    name,
    titles: titles.map((t, i) => ({ id: t, kind: 'film', name: t, source: MAGNET(i + 1) })),
  });

/** The guarded fetch the registry gives adapters, reduced to what a loopback test needs. */
const context: SourceContext = {
  async fetchText(url) {
    return Buffer.from(await this.fetchBytes(url)).toString('utf8');
  },
  async fetchBytes(url, options) {
    const response = await fetch(url).catch(() => {
      throw new SourceError('the mirror could not be reached');
    });
    if (!response.ok) throw new SourceError(`the server answered with error ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (options?.maxBytes !== undefined && bytes.length > options.maxBytes) {
      throw new SourceError('it is too large');
    }
    return bytes;
  },
  allowLocalNetwork: () => true,
  log: () => {},
};

let dir: string;
const clients: TorrentClient[] = [];
const swarms: CatalogSwarm[] = [];
let mirror: Server;
let mirrorUrl: string;
/** what the test mirror serves at /catalog.signed.json */
let mirrorBody: Uint8Array = new Uint8Array();

function startClient(bootstrap: string[], allowPrivateAddresses = true): TorrentClient {
  const client = new TorrentClient({
    dht: true,
    lsd: false,
    allowPrivateAddresses,
    maxConns: 20,
    downloadLimit: 0,
    uploadLimit: 0,
    dhtBootstrap: bootstrap,
    log: () => {},
  });
  clients.push(client);
  return client;
}

async function dhtAddress(client: TorrentClient): Promise<string> {
  const dht = client.smallFiles.dht()!;
  if (!dht.listening) await new Promise((resolve) => dht.once('listening', resolve));
  return `127.0.0.1:${dht.address().port}`;
}

async function dhtReady(client: TorrentClient): Promise<void> {
  const dht = client.smallFiles.dht()!;
  if (!dht.ready) await new Promise((resolve) => dht.once('ready', resolve));
}

let relayAddress: string;
let publisher: TorrentClient;
let viewer: TorrentClient;
let publisherSwarm: CatalogSwarm;
let viewerSwarm: CatalogSwarm;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-signed-'));
  // a bare DHT node standing for the wide network: it stores pointers, holds no catalog
  const relay = startClient([]);
  relayAddress = await dhtAddress(relay);
  publisher = startClient([relayAddress]);
  viewer = startClient([relayAddress, await dhtAddress(publisher)]);
  await Promise.all([dhtReady(publisher), dhtReady(viewer)]);
  publisherSwarm = catalogSwarm(publisher.smallFiles, join(dir, 'pub-shared'), () => {});
  viewerSwarm = catalogSwarm(viewer.smallFiles, join(dir, 'viewer-shared'), () => {});
  swarms.push(publisherSwarm, viewerSwarm);
  mirror = createServer((req, res) => {
    if (req.url !== '/catalog.signed.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(mirrorBody);
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/catalog.signed.json`;
});

afterAll(async () => {
  for (const swarm of swarms) swarm.close();
  await Promise.all(clients.map((c) => c.destroy()));
  if (mirror) await new Promise((resolve) => mirror.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function publish(
  titles: string[],
  publisherDir = join(dir, 'publisher'),
  swarm = publisherSwarm,
) {
  const file = join(dir, `catalog-${titles.join('-')}.json`);
  await writeFile(file, catalogText('Films du domaine public', titles));
  const prepared = await prepareSignedCatalog({ file, dataDir: publisherDir });
  return { prepared, shared: await shareSignedCatalog(prepared, swarm) };
}

describe('signed catalogs over BitTorrent', () => {
  let firstCopy: Uint8Array;
  let link: string;

  it('fetches a published catalog from its only peer, with no mirror, and seeds it back', async () => {
    const { prepared, shared } = await publish(['nosferatu', 'metropolis']);
    expect(prepared.sequence).toBe(1);
    expect(shared.nodes).toBeGreaterThan(0);
    firstCopy = await readFile(prepared.signedPath);
    // the publisher folder as it was at number 1, to replay it later
    await cp(join(dir, 'publisher'), join(dir, 'publisher-at-1'), { recursive: true });
    link = formatCatalogLink({ publicKey: prepared.key.publicKeyHex });
    expect(prepared.link).toContain(`pk=${prepared.key.publicKeyHex}`);

    const adapter = createSignedAdapter({
      stateDir: join(dir, 'viewer'),
      swarm: viewerSwarm,
      timeouts: { pointerMs: 20_000, peersMs: 30_000 },
    });
    expect(adapter.recognises(link)).toBe(true);
    const loaded = await adapter.load(link, context);
    expect(loaded.name).toBe('Films du domaine public');
    expect(loaded.titles.map((t) => t.id)).toEqual(['nosferatu', 'metropolis']);
    expect(loaded.problems).toEqual([]);
    // the viewer now holds the very torrent the publisher made, to share it back
    await expect.poll(() => viewer.smallFiles.has(shared.infoHash)).toBe(true);
    // ...beside the library, never in it
    expect(viewer.get(shared.infoHash)).toBeUndefined();
  });

  it('republishing the same file keeps its number and its torrent; a new content gets a higher one', async () => {
    const again = await publish(['nosferatu', 'metropolis']);
    expect(again.prepared.sequence).toBe(1);
    expect(again.prepared.unchanged).toBe(true);
    expect(new Uint8Array(await readFile(again.prepared.signedPath))).toEqual(
      new Uint8Array(firstCopy),
    );
    const next = await publish(['nosferatu', 'metropolis', 'the-general']);
    expect(next.prepared.sequence).toBe(2);

    const adapter = createSignedAdapter({
      stateDir: join(dir, 'viewer'),
      swarm: viewerSwarm,
      timeouts: { pointerMs: 20_000, peersMs: 30_000 },
    });
    const loaded = await adapter.load(link, context);
    expect(loaded.titles.map((t) => t.id)).toContain('the-general');
    // the older copy is no longer shared beside the new one
    await expect.poll(() => viewer.smallFiles.has(next.shared.infoHash)).toBe(true);
  });

  it('refuses an older copy from the mirror once a newer one was accepted', async () => {
    mirrorBody = firstCopy; // number 1, genuine, but number 2 was accepted above
    const pk = JSON.parse(Buffer.from(firstCopy).toString('utf8')).publicKey as string;
    const adapter = createSignedAdapter({ stateDir: join(dir, 'viewer') }); // mirror only
    const error = await adapter
      .load(formatCatalogLink({ publicKey: pk, mirror: mirrorUrl }), context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(String((error as Error).message)).toMatch(
      /^no acceptable copy came: the copy from the mirror was refused \(it is number 1, older than number 2 already accepted; an old catalog may be being replayed\)$/,
    );
  });

  it('refuses a forged copy: tampered content, or signed by another key', async () => {
    const envelope = JSON.parse(Buffer.from(firstCopy).toString('utf8')) as Record<string, unknown>;
    const pk = envelope.publicKey as string;
    const fresh = createSignedAdapter({ stateDir: join(dir, 'fresh-viewer') });
    const withMirror = formatCatalogLink({ publicKey: pk, mirror: mirrorUrl });

    mirrorBody = Buffer.from(
      JSON.stringify({
        ...envelope,
        catalog: catalogText('Films du domaine public', ['malware-film']),
      }),
    );
    await expect(fresh.load(withMirror, context)).rejects.toThrow(
      /the copy from the mirror was refused \(its signature does not match: it was altered or forged\)/,
    );

    mirrorBody = Buffer.from(JSON.stringify({ ...envelope, sequence: 99 }));
    await expect(fresh.load(withMirror, context)).rejects.toThrow(/altered or forged/);

    const other = await publish(['other'], join(dir, 'other-publisher'));
    mirrorBody = await readFile(other.prepared.signedPath);
    await expect(fresh.load(withMirror, context)).rejects.toThrow(/signed by another key/);

    mirrorBody = Buffer.from('<html><script>alert(1)</script></html>');
    await expect(fresh.load(withMirror, context)).rejects.toThrow(/not a signed catalog/);
  });

  it('takes the genuine copy from peers when the mirror serves a tampered one', async () => {
    const envelope = JSON.parse(Buffer.from(firstCopy).toString('utf8')) as Record<string, unknown>;
    const pk = envelope.publicKey as string;
    mirrorBody = Buffer.from(
      JSON.stringify({ ...envelope, catalog: catalogText('Tampered', ['x']) }),
    );
    const adapter = createSignedAdapter({
      stateDir: join(dir, 'third-viewer'),
      swarm: viewerSwarm,
      timeouts: { pointerMs: 20_000, peersMs: 30_000 },
    });
    const loaded = await adapter.load(
      formatCatalogLink({ publicKey: pk, mirror: mirrorUrl }),
      context,
    );
    expect(loaded.titles.map((t) => t.id)).toContain('the-general');
  });

  it('refuses an older copy from peers: a DHT network where only number 1 is known', async () => {
    // another small DHT, where the publisher folder as it was at number 1 publishes again
    const relay = startClient([]);
    const relayAddress = await dhtAddress(relay);
    const oldPublisher = startClient([relayAddress]);
    const lateViewer = startClient([relayAddress, await dhtAddress(oldPublisher)]);
    await Promise.all([dhtReady(oldPublisher), dhtReady(lateViewer)]);
    const oldSwarm = catalogSwarm(oldPublisher.smallFiles, join(dir, 'old-shared'), () => {});
    const lateSwarm = catalogSwarm(lateViewer.smallFiles, join(dir, 'late-shared'), () => {});
    swarms.push(oldSwarm, lateSwarm);
    const replay = await publish(
      ['nosferatu', 'metropolis'],
      join(dir, 'publisher-at-1'),
      oldSwarm,
    );
    expect(replay.prepared.sequence).toBe(1);

    const adapter = createSignedAdapter({
      stateDir: join(dir, 'viewer'), // number 2 was accepted there
      swarm: lateSwarm,
      timeouts: { pointerMs: 20_000, peersMs: 30_000 },
    });
    await expect(adapter.load(link, context)).rejects.toThrow(
      /the copy from peers was refused \(it is number 1, older than number 2 already accepted/,
    );
    // a refused copy is not downloaded, so never shared
    expect(lateViewer.smallFiles.has(replay.shared.infoHash)).toBe(false);
  });

  it('refuses a second content under a number already accepted', async () => {
    const pk = JSON.parse(Buffer.from(firstCopy).toString('utf8')).publicKey as string;
    const withMirror = formatCatalogLink({ publicKey: pk, mirror: mirrorUrl });
    const adapter = createSignedAdapter({ stateDir: join(dir, 'fourth-viewer') });
    mirrorBody = firstCopy;
    expect((await adapter.load(withMirror, context)).titles).toHaveLength(2);
    // the same key, its numbering lost: another content comes out as number 1 too
    const forked = join(dir, 'forked-publisher');
    await mkdir(forked);
    await copyFile(join(dir, 'publisher', 'catalog-key.pem'), join(forked, 'catalog-key.pem'));
    const fork = await prepareSignedCatalog({
      file: join(dir, 'catalog-nosferatu-metropolis-the-general.json'),
      dataDir: forked,
    });
    expect(fork.sequence).toBe(1);
    mirrorBody = fork.signedBytes;
    await expect(adapter.load(withMirror, context)).rejects.toThrow(
      /it is number 1 like the copy already accepted, but its content differs/,
    );
  });

  it('keeps to the local-network rule: peers on this machine are refused unless allowed', async () => {
    const closed = startClient([relayAddress], false);
    await dhtReady(closed);
    const closedSwarm = catalogSwarm(closed.smallFiles, join(dir, 'closed-shared'), () => {});
    swarms.push(closedSwarm);
    const adapter = createSignedAdapter({
      stateDir: join(dir, 'closed-viewer'),
      swarm: closedSwarm,
      timeouts: { pointerMs: 20_000, peersMs: 4_000 },
    });
    // the pointer is found, but the only peers are on loopback: nothing is fetched from them
    await expect(adapter.load(link, context)).rejects.toThrow(
      /^no acceptable copy came: nothing came from peers \(no peer answered in time\)$/,
    );
  });

  it('numbers past what the DHT holds when the publisher lost its record', async () => {
    const publisherDir = join(dir, 'publisher');
    await rm(join(publisherDir, 'catalog-publication.json'));
    const file = join(dir, 'catalog-after-loss.json');
    await writeFile(file, catalogText('Films du domaine public', ['nosferatu', 'faust']));
    const prepared = await prepareSignedCatalog({
      file,
      dataDir: publisherDir,
      sequenceInDht: async (publicKey) =>
        (await publisherSwarm.resolve(publicKey, 20_000))?.sequence,
    });
    // the record alone would have said 1, which every viewer would refuse as older than 2
    expect(prepared.sequence).toBe(3);
    await shareSignedCatalog(prepared, publisherSwarm);
    const adapter = createSignedAdapter({
      stateDir: join(dir, 'viewer'),
      swarm: viewerSwarm,
      timeouts: { pointerMs: 20_000, peersMs: 30_000 },
    });
    expect((await adapter.load(link, context)).titles.map((t) => t.id)).toEqual([
      'nosferatu',
      'faust',
    ]);
  });

  it('says what is wrong with a broken link, in words that follow "could not be read because"', async () => {
    const adapter = createSignedAdapter({ stateDir: join(dir, 'link-viewer'), swarm: viewerSwarm });
    await expect(adapter.load('essaim-catalog:?pk=abc', context)).rejects.toThrow(
      /^the key in its link is not valid \(pk= must be 64 hexadecimal characters\)$/,
    );
    await expect(
      adapter.load(
        `essaim-catalog:?pk=${'a'.repeat(64)}&mirror=file%3A%2F%2F%2Fetc%2Fpasswd`,
        context,
      ),
    ).rejects.toThrow(/^the mirror in its link is not a web address/);
    const offline = createSignedAdapter({ stateDir: join(dir, 'link-viewer') });
    await expect(offline.load(`essaim-catalog:?pk=${'a'.repeat(64)}`, context)).rejects.toThrow(
      /^its link names no mirror and the DHT is off/,
    );
  });
});
