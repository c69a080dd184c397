// A BitTorrent tracker in its own process for loopback swarms in tests: HTTP only, 127.0.0.1.
// It reports its port over IPC and exits with its parent; it listens on loopback, or on an address
// of a network namespace pair the test made (argv[3]).
import { Server } from 'bittorrent-tracker';

// a short interval so peers that join late are found without waiting ten minutes; a test that
// must know who connects to whom asks for a long one, so no peer learns of others by re-announcing
const interval = Number(process.argv[2]) || 2_000;
const host = process.argv[3] || '127.0.0.1';
const server = new Server({ http: true, udp: false, ws: false, stats: false, interval });
server.on('error', (err) =>
  process.send?.({ type: 'error', message: String(err?.message ?? err) }),
);
server.on('warning', () => {});
server.listen(0, host, () => {
  process.send?.({ type: 'ready', port: server.http.address().port });
});
process.on('disconnect', () => process.exit(0));
process.on('message', (msg) => {
  if (msg?.type === 'close') server.close(() => process.exit(0));
});
