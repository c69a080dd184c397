// One library contender in a process of its own (inside the lab's viewer host), driven over IPC
// by the benchmark, so its memory and CPU time are its own: launch (untimed), play, close.
import {
  essaimEngine,
  webtorrentDefaultServer,
  type Player,
  type TorrentInput,
} from './contenders.js';

type Request = { type: 'play'; input: TorrentInput } | { type: 'close' };

const contenders = [essaimEngine, webtorrentDefaultServer];
const contender = contenders.find((c) => c.name === process.argv[2]);
if (!contender) throw new Error(`unknown contender ${process.argv[2]}`);

const player: Player = await contender.launch();
process.send?.({ type: 'ready', downloadDir: player.downloadDir });
process.on('message', (raw) => {
  const request = raw as Request;
  if (request.type === 'play') {
    player.play(request.input).then(
      (url) => process.send?.({ type: 'url', url }),
      (err: unknown) => process.send?.({ type: 'error', message: String(err) }),
    );
  } else {
    void player.close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
