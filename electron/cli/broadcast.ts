// `npm run broadcast -- INPUT --name "…" [--loop] [--data-dir DIR] [--upload-limit RATE]`: a thin
// entry over the engine's live modules. Prints the channel link, then what it is doing.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { engineSwitchesFromEnvironment } from '../host/engine-environment.js';
import { Broadcaster } from '../engine/live/broadcaster.js';
import { parseBroadcastArgs } from '../engine/live/live-cli-args.js';
import { TorrentClient } from '../engine/torrent/torrent-client.js';

const STATUS_EVERY_MS = 5000;

async function main(): Promise<void> {
  const { args, errors } = parseBroadcastArgs(process.argv.slice(2));
  if (!args) {
    for (const e of errors) console.error(e);
    console.error(
      'Usage: npm run broadcast -- INPUT --name "Channel name" [--loop] [--data-dir DIR] [--upload-limit 300k]',
    );
    process.exit(2);
  }
  const env = engineSwitchesFromEnvironment(process.env);
  const dataDir = args.dataDir ?? join(homedir(), '.local', 'share', 'essaim-broadcast');
  const client = new TorrentClient({
    dht: env.dht ?? true,
    lsd: env.lsd ?? true,
    allowPrivateAddresses: env.allowPrivateAddresses ?? false,
    maxConns: 100,
    downloadLimit: 0,
    uploadLimit: 0, // the live code caps what it sends itself
    log: () => {},
  });
  const log = (m: string) => console.log(m);
  let broadcaster: Broadcaster;
  try {
    broadcaster = await Broadcaster.start({ ...args, dataDir, client, log });
  } catch (err) {
    console.error(
      `The channel could not start: ${err instanceof Error ? err.message : String(err)}`,
    );
    await client.destroy();
    process.exit(1);
  }
  console.log(`Channel link: ${broadcaster.link}`);
  console.log(
    `Broadcasting "${args.name}" from ${args.input}${args.loop ? ' in a loop' : ''}; the origin is ${broadcaster.origin.url}`,
  );
  const timer = setInterval(() => console.log(broadcaster.status()), STATUS_EVERY_MS);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    console.log(`Stopping: ${broadcaster.status()}`);
    await broadcaster.close();
    await client.destroy();
    process.exit(code);
  };
  broadcaster.segmenter.on('exit', (code: number, stderr: string) => {
    if (stopping) return;
    console.log(
      code === 0
        ? 'The input ended; the channel goes off air.'
        : `ffmpeg stopped (${code}): ${stderr}`,
    );
    void stop(code === 0 ? 0 : 1);
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}

void main();
