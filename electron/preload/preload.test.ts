// The preload with 'electron' replaced by a test double: the page gets invoke/on for the contract
// only; unknown commands and events never reach IPC, and listeners see payloads, not IPC events.
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge.js';

// what the main process adds to a window's command line (additionalArguments)
vi.hoisted(() => process.argv.push('--essaim-system-languages=fr-CA,en-US'));

const ipc = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  channelListeners: new Map<string, (...args: unknown[]) => void>(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => ipc.exposed.set(key, api) },
  ipcRenderer: {
    invoke: ipc.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) =>
      ipc.channelListeners.set(channel, listener),
  },
}));

await import('./preload.js');

interface ExposedBridge {
  invoke(name: unknown, input: unknown): Promise<unknown>;
  on(name: unknown, listener: unknown): () => void;
  systemLanguages: readonly string[];
}
const bridge = ipc.exposed.get(BRIDGE_GLOBAL) as ExposedBridge;
const fromMain = (name: string, payload: unknown) =>
  ipc.channelListeners.get(IPC_EVENT_CHANNEL)?.({ sender: 'the IPC event' }, name, payload);

describe('the exposed bridge', () => {
  it('exposes only invoke, on and the system languages, frozen, under the bridge name', () => {
    expect([...ipc.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'systemLanguages']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('hands the window the languages the main process read from the OS', () => {
    expect(bridge.systemLanguages).toEqual(['fr-CA', 'en-US']);
    expect(Object.isFrozen(bridge.systemLanguages)).toBe(true);
  });

  it('forwards known commands on the invoke channel', async () => {
    await expect(bridge.invoke('library:list', {})).resolves.toEqual({
      ok: true,
      value: 'from main',
    });
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_INVOKE_CHANNEL, 'library:list', {});
  });

  it('answers unknown commands itself, without touching IPC', async () => {
    ipc.invoke.mockClear();
    await expect(bridge.invoke('fs:read', { path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns an IPC failure into an error envelope', async () => {
    ipc.invoke.mockRejectedValueOnce(new Error('no handler'));
    await expect(bridge.invoke('settings:get', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('delivers only the payload of the subscribed event, until unsubscribed', () => {
    const seen: unknown[] = [];
    const off = bridge.on('notice', (payload: unknown) => seen.push(payload));
    fromMain('notice', { level: 'info', message: 'hi' });
    fromMain('stats', []);
    off();
    fromMain('notice', { level: 'info', message: 'after' });
    expect(seen).toEqual([{ level: 'info', message: 'hi' }]);
  });

  it('ignores subscriptions to unknown events', () => {
    const listener = vi.fn();
    bridge.on('ipc:raw', listener);
    fromMain('ipc:raw', 'secret');
    expect(listener).not.toHaveBeenCalled();
  });
});
