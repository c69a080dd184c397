// One contender in a process of its own, driven over IPC by the benchmark, so its memory is its
// own: launch (untimed), play a torrent (the parent times it), report peak resident memory, close.
import { readFileSync } from 'node:fs';
import { essaimEngine, webtorrentDefaultServer, type Player } from './contenders.js';

type Request = { type: 'play'; torrentBase64: string } | { type: 'memory' } | { type: 'close' };

const contenders = [essaimEngine, webtorrentDefaultServer];
const contender = contenders.find((c) => c.name === process.argv[2]);
if (!contender) throw new Error(`unknown contender ${process.argv[2]}`);

/** Peak resident set size of this process (VmHWM), in MiB. */
function peakRssMiB(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

const player: Player = await contender.launch();
process.send?.({ type: 'ready' });
process.on('message', (raw) => {
  const request = raw as Request;
  if (request.type === 'play') {
    player.play(Buffer.from(request.torrentBase64, 'base64')).then(
      (url) => process.send?.({ type: 'url', url }),
      (err: unknown) => process.send?.({ type: 'error', message: String(err) }),
    );
  } else if (request.type === 'memory') {
    process.send?.({ type: 'memory', peakRssMiB: peakRssMiB() });
  } else {
    void player.close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
