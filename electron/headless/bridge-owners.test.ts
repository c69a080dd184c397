// Each page owns its playback over a real WebSocket bridge: a page that closes, whose connection is
// cut without a close frame, or that goes silent ends its sessions; a page that reconnects in time
// keeps them. Times are shortened here (grace, heartbeat); the behaviour is the shipped one.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessServer, type HeadlessServer } from './http-server.js';
import { createFakeEngine, type FakeEngine } from './test-support/fake-engine.js';
import { openSocket, type OpenedSocket } from './test-support/http-client.js';

const TOKEN = 'owner-token-abcdef';
const GRACE_MS = 300;
let dir: string;
let engine: FakeEngine;
let server: HeadlessServer;
const opened: OpenedSocket[] = [];

async function connect(windowId?: string, autoPong = true): Promise<OpenedSocket> {
  const query = windowId === undefined ? '' : `&window=${windowId}`;
  const socket = await openSocket(`ws://127.0.0.1:${server.port}/bridge?token=${TOKEN}${query}`, {
    origin: `http://127.0.0.1:${server.port}`,
    autoPong,
  });
  opened.push(socket);
  return socket;
}

const closed = (client: OpenedSocket) =>
  new Promise<void>((resolve) => client.socket.once('close', () => resolve()));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-owners-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  engine = createFakeEngine();
  server = await startHeadlessServer({
    engine,
    rendererDir: join(dir, 'renderer'),
    token: TOKEN,
    bridge: { reconnectGraceMs: GRACE_MS, heartbeatMs: 250 },
  });
});

afterEach(async () => {
  for (const client of opened.splice(0)) client.socket.terminate();
  await expect.poll(() => server.connectedWindows()).toBe(0);
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a page owns the playback it starts', () => {
  it('gives each page its own owner, named by its window id', async () => {
    await connect('page-one-0001');
    await connect();
    await connect();
    const [named, first, second] = engine.owners.slice(-3);
    expect(named).toBe('ws:page-one-0001');
    expect(first).not.toBe(second);
    // junk in ?window= is not taken as a name
    await connect('../../x');
    expect(engine.owners.at(-1)).not.toContain('..');
  });

  it('ends the sessions of a page that closed (tab closed, page reloaded)', async () => {
    const page = await connect('closing-page-01');
    page.socket.close();
    await expect.poll(() => engine.endedOwners).toContain('ws:closing-page-01');
  });

  it('ends the sessions of a connection cut without a close frame', async () => {
    const page = await connect('cut-page-00001');
    page.socket.terminate();
    await expect.poll(() => engine.endedOwners).toContain('ws:cut-page-00001');
  });

  it('ends the sessions of a page that went silent (no answer to pings)', async () => {
    const page = await connect('silent-page-001', false);
    await closed(page); // the server gave up on it
    await expect.poll(() => engine.endedOwners).toContain('ws:silent-page-001');
  });

  it('keeps a live page that answers pings', async () => {
    const page = await connect('live-page-00001');
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // four heartbeats
    expect(page.socket.readyState).toBe(page.socket.OPEN);
    expect(engine.endedOwners).not.toContain('ws:live-page-00001');
  });

  it('keeps the sessions of a page that reconnects within the grace time', async () => {
    const page = await connect('back-page-00001');
    page.socket.terminate();
    await closed(page);
    const again = await connect('back-page-00001');
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 3));
    expect(engine.endedOwners).not.toContain('ws:back-page-00001');
    again.socket.close();
    await expect.poll(() => engine.endedOwners).toContain('ws:back-page-00001');
  });
});
