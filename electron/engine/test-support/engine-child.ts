// The engine in a process of its own, for tests that kill it without warning: it adds the torrent
// it is given, plays it through the stream server at a capped speed, and says so over IPC.
// It runs until killed; it never cleans up after itself (that is the point).
import { createLoopbackEngine } from './loopback-engine.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as {
  dataDir: string;
  torrentBase64: string;
  downloadLimitKiBps: number;
};

process.on('disconnect', () => process.exit(0));
const engine = await createLoopbackEngine(opts.dataDir);
await engine.handlers['settings:update']({ downloadLimitKiBps: opts.downloadLimitKiBps });
const item = await engine.handlers['library:add']({
  source: { kind: 'file', name: 'film.torrent', base64: opts.torrentBase64 },
});
const session = await engine.handlers['playback:start']({ itemId: item.id });
process.send?.({ type: 'playing', itemId: item.id });
const res = await fetch(session.streamUrl ?? '');
for await (const chunk of res.body ?? []) void chunk; // reading is what pulls the pieces in
process.send?.({ type: 'played' });
