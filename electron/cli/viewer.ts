// `npm run viewer -- LINK [--duration S] [--json] [--data-dir DIR]`: watches a channel with the
// engine's own live code and no window, then prints what it measured (bytes from peers and from
// the origin, offload, startup, behind live, stalls). Load tests run many of these.
import { engineSwitchesFromEnvironment } from '../host/engine-environment.js';
import { parseViewerArgs } from '../engine/live/live-cli-args.js';
import { LiveViewer } from '../engine/live/live-viewer.js';
import { median, PlayheadModel } from '../engine/live/playhead-model.js';
import { TorrentClient } from '../engine/torrent/torrent-client.js';

async function main(): Promise<void> {
  const { args, errors } = parseViewerArgs(process.argv.slice(2));
  if (!args) {
    for (const e of errors) console.error(e);
    console.error(
      'Usage: npm run viewer -- "essaim-live:?pk=…" [--duration S] [--json] [--profile standard|low-latency] [--no-share]',
    );
    process.exit(2);
  }
  const env = engineSwitchesFromEnvironment(process.env);
  const allowPrivate = args.allowLocalNetwork || (env.allowPrivateAddresses ?? false);
  const logs: string[] = [];
  const log = (m: string) => {
    logs.push(m);
    if (!args.json) console.log(m);
  };
  const client = new TorrentClient({
    dht: env.dht ?? true,
    lsd: env.lsd ?? true,
    allowPrivateAddresses: allowPrivate,
    maxConns: 55,
    downloadLimit: 0,
    uploadLimit: 0,
    log: () => {},
  });
  const viewer = new LiveViewer({
    client,
    link: args.link,
    profile: args.profile,
    uploadRate: args.uploadLimit,
    allowPrivate,
    log,
  });
  // the same distances as the window's player (use-hls.ts): sync, and at most four more segments
  const sync = args.profile === 'low-latency' ? 1 : 2;
  const player = new PlayheadModel({ syncSegments: sync, maxLagSegments: sync + 4 });
  const states: string[] = [];
  viewer.on('state', (s: string) => {
    states.push(s);
    log(
      s === 'off-air' ? 'The channel is off air.' : s === 'on-air' ? 'The channel is on air.' : s,
    );
  });
  const sampler = setInterval(() => player.sample(Date.now(), viewer.timeline()), 100);
  const talker = args.json
    ? undefined
    : setInterval(() => {
        const f = viewer.figures();
        console.log(
          `${f.state}: ${f.peers} peers, ${f.segmentsPlayable} segments playable, offload ${(f.offload * 100).toFixed(0)}%${f.originReachable ? '' : ', origin unreachable: playing from peers'}`,
        );
      }, 5000);
  await new Promise((resolve) => setTimeout(resolve, args.durationSeconds * 1000));
  clearInterval(sampler);
  if (talker) clearInterval(talker);
  const f = viewer.figures();
  const result = {
    ...f,
    states,
    stalls: player.stalls,
    jumpsToLive: player.jumps,
    stalledSeconds: player.stalledMs / 1000,
    playedSeconds: player.playedMs / 1000,
    rebufferRatio:
      player.playedMs + player.stalledMs > 0
        ? player.stalledMs / (player.playedMs + player.stalledMs)
        : 0,
    behindLiveSeconds: median(player.behindLive),
    log: logs.slice(-20),
  };
  viewer.close();
  await client.destroy();
  if (args.json) console.log(JSON.stringify(result));
  else {
    const mb = (n: number) => (n / 1e6).toFixed(2);
    console.log(
      `From peers ${mb(f.bytesFromPeers)} MB, from the broadcaster's seed ${mb(f.bytesFromBroadcaster)} MB, from the origin ${mb(f.bytesFromOrigin)} MB: offload ${(f.offload * 100).toFixed(1)}%. ` +
        `Startup ${f.startupMs ?? '-'} ms, behind live ${result.behindLiveSeconds?.toFixed(1) ?? '-'} s, ${player.stalls} stalls.`,
    );
  }
  process.exit(0);
}

void main();
