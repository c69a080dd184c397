// The WebSocket bridge over a real server: who may connect (token, Host, Origin), commands carried
// as Result envelopes, invalid payloads refused, garbage survived, events delivered.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/domain.js';
import { startHeadlessServer, type HeadlessServer } from './http-server.js';
import { createFakeEngine, FAKE_ITEM, type FakeEngine } from './test-support/fake-engine.js';
import { openSocket, type OpenedSocket } from './test-support/http-client.js';

const TOKEN = 'bridge-token-abcdef';
let dir: string;
let engine: FakeEngine;
let server: HeadlessServer;
let origin: string;
let bridgeUrl: string;
const opened: OpenedSocket[] = [];

async function connect(
  options: { token?: string; origin?: string; host?: string } = {},
): Promise<OpenedSocket> {
  const url = `ws://127.0.0.1:${server.port}/bridge?token=${options.token ?? TOKEN}`;
  const socket = await openSocket(url, {
    origin: options.origin ?? origin,
    ...(options.host ? { host: options.host } : {}),
  });
  opened.push(socket);
  return socket;
}

let nextId = 1;
async function invoke(
  client: OpenedSocket,
  name: unknown,
  input: unknown,
): Promise<Record<string, unknown>> {
  const id = nextId++;
  client.socket.send(JSON.stringify({ type: 'invoke', id, name, input }));
  return client.next((m) => m['type'] === 'result' && m['id'] === id);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-bridge-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  engine = createFakeEngine();
  server = await startHeadlessServer({ engine, rendererDir: join(dir, 'renderer'), token: TOKEN });
  origin = `http://127.0.0.1:${server.port}`;
  bridgeUrl = `ws://127.0.0.1:${server.port}/bridge`;
});

afterEach(async () => {
  for (const client of opened.splice(0)) client.socket.terminate();
  // Each test starts with no window connected, as the server sees it.
  await expect.poll(() => server.connectedWindows()).toBe(0);
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('who may open the bridge', () => {
  it('accepts our page: right token, loopback Host, same Origin', async () => {
    const client = await connect();
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it('accepts the page opened as localhost', async () => {
    const client = await connect({
      host: `localhost:${server.port}`,
      origin: `http://localhost:${server.port}`,
    });
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it.each([
    ['a wrong token', { token: 'nope' }],
    ['an empty token', { token: '' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['an Origin on another port', { origin: 'http://127.0.0.1:1' }],
    ['an Origin that does not match the Host used', { origin: `http://localhost:${0}` }],
    ['a rebinding Host', { host: `evil.example:${0}` }],
  ])('refuses %s', async (_label, options) => {
    const fixed = Object.fromEntries(
      Object.entries(options).map(([k, v]) => [k, v.replace(':0', `:${server.port}`)]),
    );
    await expect(connect(fixed)).rejects.toThrow(/HTTP 403/);
  });

  it('refuses a handshake without any Origin', async () => {
    await expect(openSocket(`${bridgeUrl}?token=${TOKEN}`)).rejects.toThrow(/HTTP 403/);
  });

  it('refuses other paths', async () => {
    await expect(
      openSocket(`ws://127.0.0.1:${server.port}/other?token=${TOKEN}`, { origin }),
    ).rejects.toThrow(/HTTP 404/);
  });
});

describe('commands', () => {
  it('calls the engine and answers with an ok envelope', async () => {
    const client = await connect();
    const reply = await invoke(client, 'library:list', {});
    expect(reply['result']).toEqual({ ok: true, value: [FAKE_ITEM] });
    expect(engine.calls.at(-1)).toEqual({ name: 'library:list', input: {} });
  });

  it('passes the validated input to the engine', async () => {
    const client = await connect();
    const reply = await invoke(client, 'settings:update', { language: 'fr' });
    expect(reply['result']).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, language: 'fr' } });
    expect(engine.calls.at(-1)).toEqual({ name: 'settings:update', input: { language: 'fr' } });
  });

  it.each([
    ['an unknown command', 'library:format-disk', {}],
    ['a prototype key as command', '__proto__', {}],
    ['a number as command', 42, {}],
    ['a missing input', 'catalog:get', undefined],
    ['an extra field', 'catalog:get', { evil: true }],
    ['a wrong type', 'library:remove', { itemId: 'a'.repeat(40), deleteData: 'yes' }],
    ['a bad info hash', 'playback:start', { itemId: '../../etc/passwd' }],
    ['an unknown source kind', 'library:add', { source: { kind: 'shell', command: 'rm -rf /' } }],
  ])('refuses %s with invalid-input, without calling the engine', async (_label, name, input) => {
    const client = await connect();
    const before = engine.calls.length;
    const reply = await invoke(client, name, input);
    const result = reply['result'] as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(engine.calls.length).toBe(before);
  });

  it('turns a coded engine error into its envelope', async () => {
    const client = await connect();
    const reply = await invoke(client, 'library:add', {
      source: { kind: 'magnet', uri: 'magnet:?bad' },
    });
    expect(reply['result']).toEqual({
      ok: false,
      error: { code: 'invalid-magnet', message: 'This magnet link is not valid.' },
    });
  });

  it('turns any other engine failure into an internal error envelope', async () => {
    const client = await connect();
    const reply = await invoke(client, 'playback:start', { itemId: 'a'.repeat(40) });
    expect(reply['result']).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('survives garbage and keeps answering on the same connection', async () => {
    const client = await connect();
    client.socket.send('{not json');
    client.socket.send('null');
    client.socket.send('[1,2,3]');
    client.socket.send(JSON.stringify({ type: 'invoke', name: 'catalog:get', input: {} })); // no id
    client.socket.send(Buffer.from([0xff, 0x00, 0x12]), { binary: true });
    client.socket.send(JSON.stringify({ type: 'subscribe', id: 'x1' }));
    const odd = await client.next((m) => m['id'] === 'x1');
    expect(odd['result']).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const reply = await invoke(client, 'catalog:get', {});
    expect(reply['result']).toEqual({
      ok: true,
      value: { titles: [], channels: [], problems: [] },
    });
    // A second window still gets in: the server itself is fine.
    const other = await connect();
    expect((await invoke(other, 'settings:get', {}))['result']).toMatchObject({ ok: true });
  });
});

describe('events', () => {
  it('delivers engine events to every connected window', async () => {
    const a = await connect();
    const b = await connect();
    await invoke(a, 'catalog:get', {});
    await invoke(b, 'catalog:get', {});
    engine.emit('notice', { level: 'info', message: 'hello' });
    for (const client of [a, b]) {
      const event = await client.next((m) => m['type'] === 'event' && m['name'] === 'notice');
      expect(event['payload']).toEqual({ level: 'info', message: 'hello' });
    }
  });

  it('holds an open-item emitted before any window is up, and gives it to the first one', async () => {
    const payload = { itemId: FAKE_ITEM.id, autoplay: true };
    engine.emit('open-item', payload);
    const client = await connect();
    await invoke(client, 'library:list', {});
    const event = await client.next((m) => m['type'] === 'event' && m['name'] === 'open-item');
    expect(event['payload']).toEqual(payload);
  });
});
