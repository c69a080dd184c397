import { createSocket } from 'node:dgram';
import { createServer, connect, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DelayLine, startRelay, type Relay } from './relay.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('DelayLine', () => {
  it('releases each chunk after the delay', () => {
    const line = new DelayLine(20);
    expect(line.releaseAt(0)).toBe(20);
    expect(line.releaseAt(5)).toBe(25);
  });
  it('holds everything until the connection is open', () => {
    const line = new DelayLine(20, 40);
    expect(line.releaseAt(0)).toBe(60);
    expect(line.releaseAt(50)).toBe(70);
  });
});

async function echoServer(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as { port: number }).port, server };
}

async function relayTo(port: number, delayMs: number, counted?: number[]): Promise<Relay> {
  const relay = await startRelay({
    listenHost: '127.0.0.1',
    target: { host: '127.0.0.1', port },
    delayMs,
    onBytes: (n) => counted?.push(n),
  });
  closers.push(() => relay.close());
  return relay;
}

describe('relay over TCP (real sockets on loopback)', () => {
  it('adds its delay in each direction and keeps the bytes in order', async () => {
    const { port } = await echoServer();
    const relay = await relayTo(port, 60);
    const socket = connect(relay.port, '127.0.0.1');
    closers.push(() => void socket.destroy());
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const payload = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));
    const received: Buffer[] = [];
    const started = performance.now();
    const done = new Promise<number>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        if (Buffer.concat(received).length >= payload.length) resolve(performance.now() - started);
      }),
    );
    socket.write(payload);
    const roundTrip = await done;
    expect(Buffer.concat(received).equals(payload)).toBe(true);
    // connection set-up (one round trip), then there and back: three times the one-way delay
    expect(roundTrip).toBeGreaterThanOrEqual(175);
  });

  it('counts the bytes it passes', async () => {
    const { port } = await echoServer();
    const counted: number[] = [];
    const relay = await relayTo(port, 0, counted);
    const socket = connect(relay.port, '127.0.0.1');
    closers.push(() => void socket.destroy());
    socket.write(Buffer.alloc(1000));
    await new Promise<void>((resolve) => {
      let got = 0;
      socket.on('data', (c: Buffer) => (got += c.length) >= 1000 && resolve());
    });
    expect(counted.reduce((a, b) => a + b, 0)).toBe(2000);
  });
});

describe('relay over UDP (uTP travels on the same port)', () => {
  it('forwards datagrams both ways with the delay', async () => {
    const target = createSocket('udp4');
    target.on('message', (msg, from) => target.send(msg, from.port, from.address));
    await new Promise<void>((resolve) => target.bind(0, '127.0.0.1', resolve));
    closers.push(() => void target.close());
    const relay = await relayTo(target.address().port, 40);
    const client = createSocket('udp4');
    await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
    closers.push(() => void client.close());
    const started = performance.now();
    const reply = new Promise<{ msg: Buffer; ms: number }>((resolve) =>
      client.once('message', (msg) => resolve({ msg, ms: performance.now() - started })),
    );
    client.send(Buffer.from('ping'), relay.port, '127.0.0.1');
    const { msg, ms } = await reply;
    expect(msg.toString()).toBe('ping');
    expect(ms).toBeGreaterThanOrEqual(75);
  });
});
