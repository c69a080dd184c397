// A BitTorrent tracker in its own process for loopback swarms in tests: HTTP only, 127.0.0.1.
// It reports its port over IPC and exits with its parent; it never listens beyond loopback.
import { Server } from 'bittorrent-tracker';

// a short interval so peers that join late are found without waiting ten minutes
const server = new Server({ http: true, udp: false, ws: false, stats: false, interval: 2_000 });
server.on('error', (err) =>
  process.send?.({ type: 'error', message: String(err?.message ?? err) }),
);
server.on('warning', () => {});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: server.http.address().port });
});
process.on('disconnect', () => process.exit(0));
process.on('message', (msg) => {
  if (msg?.type === 'close') server.close(() => process.exit(0));
});
