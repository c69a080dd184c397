// The hub host's process: runs the lab tracker and its relays inside the hub namespace (or on
// loopback) and answers the benchmark over IPC. Exits with its parent.
import { startLabTracker } from './tracker.js';

interface HubConfig {
  host: string;
  delayMs: number;
  /** real host address -> hub alias its relayed traffic leaves from */
  aliases: Record<string, string>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as HubConfig;
const tracker = await startLabTracker({
  host: config.host,
  delayMs: config.delayMs,
  sourceFor: (client) => config.aliases[client],
});
process.send?.({ type: 'ready', announceUrl: tracker.announceUrl });
process.on('message', (raw) => {
  const msg = raw as { type: string; id: number; ip?: string; port?: number };
  if (msg.type === 'relay') {
    tracker.relayFor(msg.ip ?? '', msg.port ?? 0).then(
      (relay) => process.send?.({ type: 'relay', id: msg.id, host: relay.host, port: relay.port }),
      (err: unknown) => process.send?.({ type: 'relay', id: msg.id, error: String(err) }),
    );
  } else if (msg.type === 'forget') {
    tracker.forget(msg.ip ?? '');
    process.send?.({ type: 'forget', id: msg.id });
  } else if (msg.type === 'stats') {
    process.send?.({
      type: 'stats',
      id: msg.id,
      sentBy: tracker.sentBy(),
      seeders: tracker.seeders(),
    });
  } else if (msg.type === 'close') {
    void tracker.close().finally(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
