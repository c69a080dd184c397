// A webtorrent seeder (or leecher) in its own process, so a test swarm has real separate peers.
// Reports over IPC; exits with its parent. DHT, LSD and NAT mapping stay off: loopback only.
import { readFileSync } from 'node:fs';
import WebTorrent from 'webtorrent';

const opts = JSON.parse(process.argv[2] ?? '{}');
const client = new WebTorrent({
  dht: false,
  lsd: false,
  natUpnp: false,
  natPmp: false,
  utPex: false,
});
client.on('error', (err) =>
  process.send?.({ type: 'error', message: String(err?.message ?? err) }),
);
let torrent;
if (opts.uploadLimitBytesPerSecond > 0) client.throttleUpload(opts.uploadLimitBytesPerSecond);

function report(t) {
  process.send?.({
    type: 'ready',
    infoHash: t.infoHash,
    magnet: t.magnetURI,
    torrentBase64: Buffer.from(t.torrentFile).toString('base64'),
  });
}

if (opts.mode === 'seed') {
  const seedOpts = { announce: opts.announce, createdBy: 'Essaim tests' };
  if (opts.pieceLength) seedOpts.pieceLength = opts.pieceLength;
  torrent = client.seed(opts.path, seedOpts, report);
} else {
  torrent = client.add(readFileSync(opts.torrentPath), { path: opts.dir, announce: opts.announce });
  torrent.on('ready', () => report(torrent));
  torrent.on('done', () => process.send?.({ type: 'done' }));
}
torrent.on('error', (err) =>
  process.send?.({ type: 'error', message: String(err?.message ?? err) }),
);
torrent.on('warning', () => {});

process.on('disconnect', () => process.exit(0));
process.on('message', (msg) => {
  if (msg?.type === 'stats') {
    process.send?.({
      type: 'stats',
      id: msg.id,
      uploaded: torrent.uploaded,
      downloaded: torrent.downloaded,
      numPeers: torrent.numPeers,
    });
  } else if (msg?.type === 'close') {
    client.destroy(() => process.exit(0));
  }
});
