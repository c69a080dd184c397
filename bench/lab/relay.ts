// A userspace relay that adds latency between two lab hosts (netem is missing in this kernel),
// for TCP and for UDP (uTP) on the same port: each chunk is passed on `delayMs` after it arrived.
// It only ever connects to the one target it was made for.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface RelayOptions {
  /** the address the relay listens on */
  listenHost: string;
  /** the peer this relay stands for */
  target: { host: string; port: number };
  /** one-way delay added in each direction (RTT grows by twice this) */
  delayMs: number;
  /** the local address outgoing traffic leaves from, chosen per client (keeps peers apart) */
  sourceFor?: (clientAddress: string) => string | undefined;
  /** counts bytes passed: `fromTarget` true when the target sent them */
  onBytes?: (bytes: number, fromTarget: boolean, clientAddress: string) => void;
}

export interface Relay {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Releases chunks after a fixed delay; `openAt`: nothing before then (a connection's set-up). */
export class DelayLine {
  constructor(
    private readonly delayMs: number,
    private readonly openAt = 0,
  ) {}
  /** the time (ms, performance.now clock) at which a chunk arriving `now` goes out */
  releaseAt(now = performance.now()): number {
    return Math.max(now, this.openAt) + this.delayMs;
  }
}

/** a FIFO that hands each item to `deliver` at its release time (timers alone may reorder) */
function scheduler<T>(deliver: (item: T) => void): (item: T, at: number) => number {
  const queue: Array<{ item: T; at: number }> = [];
  let timer: NodeJS.Timeout | undefined;
  const pump = (): void => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.at <= now + 0.5) deliver(queue.shift()!.item);
    if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0]!.at - performance.now()));
  };
  return (item, at) => {
    queue.push({ item, at });
    if (!timer) timer = setTimeout(pump, Math.max(0, at - performance.now()));
    return queue.length;
  };
}

const MAX_QUEUED_CHUNKS = 512;

function pipeDelayed(
  from: Socket,
  to: Socket,
  line: DelayLine,
  count: (bytes: number) => void,
): void {
  const push = scheduler<Buffer | null>((chunk) => {
    if (chunk === null) to.end();
    else if (!to.destroyed) {
      to.write(chunk);
      count(chunk.length);
    }
    if (from.isPaused() && !from.destroyed) from.resume();
  });
  from.on('data', (chunk: Buffer) => {
    // back-pressure: a slow side must not make the relay hold the whole film in memory
    if (push(chunk, line.releaseAt()) > MAX_QUEUED_CHUNKS) from.pause();
  });
  from.on('end', () => push(null, line.releaseAt()));
}

function startTcp(opts: RelayOptions, upload: DelayLine, open: Set<Socket>): Server {
  const server = createServer((client) => {
    const clientAddress = (client.remoteAddress ?? '').replace(/^::ffff:/, '');
    const localAddress = opts.sourceFor?.(clientAddress);
    const upstream = connect({
      host: opts.target.host,
      port: opts.target.port,
      ...(localAddress ? { localAddress } : {}),
    });
    open.add(client);
    open.add(upstream);
    client.once('close', () => open.delete(client));
    upstream.once('close', () => open.delete(upstream));
    // a TCP connection costs a round trip (SYN, SYN-ACK) before its first data goes out
    const toTarget = new DelayLine(opts.delayMs, performance.now() + 2 * opts.delayMs);
    pipeDelayed(client, upstream, toTarget, (n) => opts.onBytes?.(n, false, clientAddress));
    pipeDelayed(upstream, client, upload, (n) => opts.onBytes?.(n, true, clientAddress));
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
    };
    if (process.env['LAB_DEBUG']) {
      console.error(
        `relay ${clientAddress} -> ${opts.target.host}:${opts.target.port} via ${localAddress}`,
      );
      upstream.on('error', (e) => console.error(`relay upstream error ${String(e)}`));
      upstream.on('close', () => console.error(`relay upstream closed ${opts.target.port}`));
    }
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', () => setTimeout(kill, opts.delayMs + 50));
    upstream.on('close', () => setTimeout(kill, opts.delayMs + 50));
  });
  return server;
}

function startUdp(opts: RelayOptions, port: number, upload: DelayLine): Promise<UdpSocket> {
  const front = createSocket('udp4');
  const flows = new Map<string, { socket: UdpSocket; last: number; send(m: Buffer): void }>();
  const toTarget = new DelayLine(opts.delayMs);
  const sendBack = scheduler<{ msg: Buffer; to: RemoteInfo }>(({ msg, to }) =>
    front.send(msg, to.port, to.address, () => undefined),
  );
  front.on('message', (msg, client) => {
    const key = `${client.address}:${client.port}`;
    let flow = flows.get(key);
    if (!flow) {
      const socket = createSocket('udp4');
      socket.on('error', () => socket.close());
      socket.on('message', (reply) => {
        opts.onBytes?.(reply.length, true, client.address);
        sendBack({ msg: reply, to: client }, upload.releaseAt());
      });
      const source = opts.sourceFor?.(client.address);
      socket.bind({ port: 0, ...(source ? { address: source } : {}) });
      const queue = scheduler<Buffer>((m) =>
        socket.send(m, opts.target.port, opts.target.host, () => undefined),
      );
      flow = { socket, last: 0, send: (m) => queue(m, toTarget.releaseAt()) };
      flows.set(key, flow);
    }
    flow.last = performance.now();
    opts.onBytes?.(msg.length, false, client.address);
    flow.send(msg);
  });
  // forget idle flows so a long run does not collect sockets
  const sweep = setInterval(() => {
    for (const [key, flow] of flows) {
      if (performance.now() - flow.last > 60_000) {
        flow.socket.close();
        flows.delete(key);
      }
    }
  }, 10_000);
  sweep.unref();
  front.on('close', () => {
    clearInterval(sweep);
    for (const flow of flows.values()) flow.socket.close();
  });
  return new Promise((resolve, reject) => {
    front.once('error', reject);
    front.bind(port, opts.listenHost, () => {
      front.off('error', reject);
      front.on('error', () => undefined);
      resolve(front);
    });
  });
}

/** Starts a TCP + UDP relay on one free port of `listenHost`. */
export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const upload = new DelayLine(opts.delayMs);
  for (let attempt = 0; ; attempt += 1) {
    const open = new Set<Socket>();
    const tcp = startTcp(opts, upload, open);
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(0, opts.listenHost, () => resolve());
    });
    const port = (tcp.address() as { port: number }).port;
    try {
      const udp = await startUdp(opts, port, upload);
      return {
        host: opts.listenHost,
        port,
        close: async () => {
          udp.close();
          // connections still open would keep close() waiting
          for (const socket of open) socket.destroy();
          await new Promise<void>((resolve) => tcp.close(() => resolve()));
        },
      };
    } catch (err) {
      tcp.close();
      if (attempt >= 10) throw err;
    }
  }
}
