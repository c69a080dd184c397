// `npm run publish-catalog -- FILE --data-dir DIR [--mirror URL] [--seconds N | --stay]`: a thin
// entry over electron/engine/catalog/signed. Prints the catalog link, then keeps sharing it.
import { join } from 'node:path';
import { engineSwitchesFromEnvironment } from '../host/engine-environment.js';
import {
  prepareSignedCatalog,
  shareSignedCatalog,
} from '../engine/catalog/signed/catalog-publisher.js';
import { catalogSwarm } from '../engine/catalog/signed/catalog-swarm.js';
import { parsePublishArgs } from '../engine/catalog/signed/publish-cli-args.js';
import { TorrentClient } from '../engine/torrent/torrent-client.js';

/** How long to wait for the DHT to say which number the catalog is at. */
const DHT_LOOKUP_MS = 20_000;

async function main(): Promise<void> {
  const { args, errors } = parsePublishArgs(process.argv.slice(2));
  if (!args) {
    for (const e of errors) console.error(e);
    console.error(
      'Usage: npm run publish-catalog -- FILE --data-dir DIR [--mirror URL] [--seconds N | --stay]',
    );
    process.exit(2);
  }
  const env = engineSwitchesFromEnvironment(process.env);
  const dht = env.dht !== false;
  const dhtBootstrap = args.dhtBootstrap ?? env.dhtBootstrap;
  const client = dht
    ? new TorrentClient({
        dht: true,
        lsd: env.lsd ?? true,
        allowPrivateAddresses: env.allowPrivateAddresses ?? false,
        maxConns: 50,
        downloadLimit: 0,
        uploadLimit: 0,
        ...(dhtBootstrap ? { dhtBootstrap } : {}),
        log: () => {},
      })
    : undefined;
  const swarm = client && catalogSwarm(client.smallFiles, join(args.dataDir, 'shared'), () => {});
  let prepared;
  try {
    prepared = await prepareSignedCatalog({
      ...args,
      // the number must pass the one the DHT already has, even if this folder lost its record
      ...(swarm
        ? {
            sequenceInDht: async (publicKey: Buffer) => {
              console.log('Asking the DHT which number this catalog is at…');
              return (await swarm.resolve(publicKey, DHT_LOOKUP_MS))?.sequence;
            },
          }
        : {}),
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    swarm?.close();
    await client?.destroy();
    process.exit(1);
  }
  for (const p of prepared.problems) console.log(`Note: ${p.entry ?? p.catalog}: ${p.message}`);
  if (prepared.key.created)
    console.log(`A new key was made in ${args.dataDir}; keep that folder safe.`);
  console.log(
    `"${prepared.name}": ${prepared.titles} title(s), ${prepared.channels} channel(s), number ${prepared.sequence}${prepared.unchanged ? ' (unchanged since the last publication)' : ''}.`,
  );
  console.log(`Signed file: ${prepared.signedPath}`);
  if (args.mirror) console.log(`Put that file, as it is, at ${args.mirror}`);
  console.log(`Catalog link: ${prepared.link}`);

  if (!client || !swarm) {
    console.log('The DHT is off: the catalog is only reachable through its mirror.');
    return;
  }
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    swarm.close();
    await client.destroy();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  try {
    const { infoHash, nodes } = await shareSignedCatalog(prepared, swarm);
    console.log(`Shared as torrent ${infoHash}; the pointer was stored by ${nodes} DHT node(s).`);
  } catch (err) {
    console.error(
      `The catalog could not be shared: ${err instanceof Error ? err.message : String(err)}`,
    );
    await stop(1);
  }
  if (args.seconds !== undefined) {
    console.log(`Sharing for ${args.seconds} s.`);
    setTimeout(() => void stop(0), args.seconds * 1000);
  } else {
    console.log('Sharing until stopped (Ctrl+C). Viewers keep sharing it too.');
  }
}

void main();
