// Drives the WebSocket bridge against a real `ws` server standing in for the headless host:
// round trips, events, schema checks, calls while disconnected, and reconnecting after a drop.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import {
  createWebSocketBridge,
  type ConnectionState,
  type SocketConstructor,
  type WebSocketBridge,
} from './websocket-bridge';

const Socket = WebSocket as unknown as SocketConstructor;
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

type Invoke = { type: 'invoke'; id: number; name: string; input: unknown };

function startHost(
  port = 0,
  onInvoke: (msg: Invoke, send: (data: unknown) => void) => void = answerSettings,
) {
  const server = new WebSocketServer({ port, host: '127.0.0.1' });
  const urls: string[] = [];
  server.on('connection', (socket, request) => {
    urls.push(request.url ?? '');
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as Invoke;
      onInvoke(msg, (data) => socket.send(JSON.stringify(data)));
    });
  });
  const ready = new Promise<number>((resolve) =>
    server.on('listening', () => resolve(addressPort(server))),
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    });
  cleanups.push(() => void stop());
  return { server, ready, stop, urls };
}

function addressPort(server: WebSocketServer): number {
  const address = server.address();
  if (typeof address === 'object' && address !== null) return address.port;
  throw new Error('no port');
}

function answerSettings(msg: Invoke, send: (data: unknown) => void): void {
  if (msg.name === 'settings:get')
    send({ type: 'result', id: msg.id, result: { ok: true, value: DEFAULT_SETTINGS } });
}

function bridgeTo(port: number): WebSocketBridge {
  const bridge = createWebSocketBridge(`ws://127.0.0.1:${port}/bridge?token=t0k`, {
    WebSocket: Socket,
    minDelayMs: 20,
    maxDelayMs: 100,
  });
  cleanups.push(() => bridge.close());
  return bridge;
}

function waitForState(bridge: WebSocketBridge, wanted: ConnectionState): Promise<void> {
  if (bridge.connectionState() === wanted) return Promise.resolve();
  return new Promise((resolve) => {
    const off = bridge.onConnectionChange((state) => {
      if (state === wanted) {
        off();
        resolve();
      }
    });
  });
}

describe('createWebSocketBridge', () => {
  it('sends invokes and resolves their results', async () => {
    const host = startHost();
    const bridge = bridgeTo(await host.ready);
    await waitForState(bridge, 'open');
    const result = await bridge.invoke('settings:get', {});
    expect(result).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(host.urls[0]).toBe('/bridge?token=t0k');
  });

  it('passes error results through and rejects answers that break the schema', async () => {
    const host = startHost(0, (msg, send) => {
      if (msg.name === 'library:list') {
        send({
          type: 'result',
          id: msg.id,
          result: { ok: false, error: { code: 'not-found', message: 'Gone.' } },
        });
      } else {
        send({ type: 'result', id: msg.id, result: { ok: true, value: { language: 'klingon' } } });
      }
    });
    const bridge = bridgeTo(await host.ready);
    await waitForState(bridge, 'open');
    expect(await bridge.invoke('library:list', {})).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Gone.' },
    });
    const bad = await bridge.invoke('settings:get', {});
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('internal');
  });

  it('delivers valid events and drops invalid ones', async () => {
    const host = startHost();
    const bridge = bridgeTo(await host.ready);
    const notices: unknown[] = [];
    bridge.on('notice', (payload) => notices.push(payload));
    await waitForState(bridge, 'open');
    for (const client of host.server.clients) {
      client.send('not json');
      client.send(
        JSON.stringify({ type: 'event', name: 'notice', payload: { level: 'loud', message: 1 } }),
      );
      client.send(
        JSON.stringify({
          type: 'event',
          name: 'notice',
          payload: { level: 'info', message: 'Library recovered.' },
        }),
      );
    }
    await expect.poll(() => notices).toEqual([{ level: 'info', message: 'Library recovered.' }]);
  });

  it('fails calls with a network error while disconnected', async () => {
    const host = startHost();
    const port = await host.ready;
    await host.stop();
    const bridge = bridgeTo(port);
    const result = await bridge.invoke('settings:get', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('network');
    expect(bridge.connectionState()).toBe('connecting');
  });

  it('fails pending calls when the socket drops, then reconnects on its own', async () => {
    const silent = startHost(0, () => {});
    const port = await silent.ready;
    const bridge = bridgeTo(port);
    const states: ConnectionState[] = [];
    bridge.onConnectionChange((state) => states.push(state));
    await waitForState(bridge, 'open');

    const call = bridge.invoke('settings:get', {});
    await silent.stop();
    const dropped = await call;
    expect(dropped.ok).toBe(false);
    if (!dropped.ok) expect(dropped.error.code).toBe('network');
    await waitForState(bridge, 'reconnecting');

    const revived = startHost(port);
    await revived.ready;
    await waitForState(bridge, 'open');
    expect(await bridge.invoke('settings:get', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });
});
