// The IPC side of the contract with 'electron' replaced by a test double: foreign senders refused,
// unknown commands and invalid payloads refused with envelopes, valid calls reach the engine, and
// a window's playback ends when its page goes (closed, crashed, reloaded).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge.js';
import { createFakeEngine, FAKE_ITEM } from '../headless/test-support/fake-engine.js';

// Nothing here may load the real module (it would try to download the binary).
vi.mock('electron', () => ({}));

const { createSenderCheck, forwardEngineEvents, registerIpc } = await import('./ipc.js');

interface FakeFrame {
  processId: number;
  frameToken: string;
  url: string;
  detached: boolean;
}

type Handler = (
  event: { senderFrame: FakeFrame | null; sender: FakeContents },
  name: unknown,
  input: unknown,
) => Promise<unknown>;

/** A web contents as the IPC side sees it: an id and the events a page's end shows in. */
class FakeContents extends EventEmitter {
  constructor(readonly id: number) {
    super();
  }
}

function setup() {
  const engine = createFakeEngine();
  const mainFrame: FakeFrame = {
    processId: 4,
    frameToken: 'main',
    url: 'app://essaim/',
    detached: false,
  };
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) };
  const onTrustedInvoke = vi.fn();
  registerIpc(
    ipcMain as never,
    engine,
    createSenderCheck(() => mainFrame as never),
    { onTrustedInvoke },
  );
  const handler = handlers.get(IPC_INVOKE_CHANNEL);
  if (!handler) throw new Error('no invoke handler registered');
  const contents = new FakeContents(7);
  const call = (frame: FakeFrame | null, name: unknown, input: unknown, sender = contents) =>
    handler({ senderFrame: frame, sender }, name, input) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string };
    }>;
  return { engine, mainFrame, call, contents, onTrustedInvoke, channels: [...handlers.keys()] };
}

describe('the invoke channel', () => {
  it('registers exactly one channel', () => {
    expect(setup().channels).toEqual([IPC_INVOKE_CHANNEL]);
  });

  it('calls the engine for a valid request from the main frame and returns its value', async () => {
    const { engine, mainFrame, call, onTrustedInvoke } = setup();
    await expect(call(mainFrame, 'library:list', {})).resolves.toEqual({
      ok: true,
      value: [FAKE_ITEM],
    });
    expect(engine.calls).toEqual([{ name: 'library:list', input: {} }]);
    expect(onTrustedInvoke).toHaveBeenCalledTimes(1);
  });

  it('accepts the same frame seen through another wrapper object', async () => {
    const { mainFrame, call } = setup();
    await expect(call({ ...mainFrame }, 'settings:get', {})).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['no frame', null],
    [
      'another frame (an iframe or another window)',
      { processId: 4, frameToken: 'child', url: 'app://essaim/', detached: false },
    ],
    [
      'another process',
      { processId: 9, frameToken: 'main', url: 'app://essaim/', detached: false },
    ],
    [
      'the main frame showing a foreign page',
      { processId: 4, frameToken: 'main', url: 'https://evil.example/', detached: false },
    ],
    [
      'the main frame on a look-alike host',
      { processId: 4, frameToken: 'main', url: 'app://essaim.evil/', detached: false },
    ],
    [
      'a detached frame',
      { processId: 4, frameToken: 'main', url: 'app://essaim/', detached: true },
    ],
  ])('refuses %s with an error envelope, never calling the engine', async (_label, frame) => {
    const { engine, call, onTrustedInvoke } = setup();
    const result = await call(frame, 'library:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(engine.calls).toEqual([]);
    expect(onTrustedInvoke).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown command', 'shell:exec', {}],
    ['an inherited property name', 'constructor', {}],
    ['an invalid payload', 'library:remove', { itemId: 'nope', deleteData: true }],
    ['extra fields', 'settings:get', { admin: true }],
    ['a missing payload', 'library:add', undefined],
  ])('refuses %s from the trusted window with invalid-input', async (_label, name, input) => {
    const { engine, mainFrame, call } = setup();
    await expect(call(mainFrame, name, input)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(engine.calls).toEqual([]);
  });

  it('returns engine failures as envelopes instead of throwing', async () => {
    const { mainFrame, call } = setup();
    await expect(
      call(mainFrame, 'playback:start', { itemId: FAKE_ITEM.id }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('a window owns its playback', () => {
  it('runs its commands as that web contents, one owner per web contents', async () => {
    const { engine, mainFrame, call } = setup();
    await call(mainFrame, 'library:list', {});
    await call(mainFrame, 'settings:get', {});
    await call(mainFrame, 'settings:get', {}, new FakeContents(8));
    expect(engine.owners).toEqual(['electron:7', 'electron:8']);
  });

  it.each([
    ['the window is closed', 'destroyed', []],
    ['its renderer crashed or was killed', 'render-process-gone', [{}, { reason: 'crashed' }]],
    [
      'its page reloads',
      'did-start-navigation',
      [{ isMainFrame: true, isSameDocument: false, url: 'app://essaim/' }],
    ],
  ])('ends its playback when %s', async (_label, event, args) => {
    const { engine, mainFrame, call, contents } = setup();
    await call(mainFrame, 'library:list', {});
    expect(engine.endedOwners).toEqual([]);
    contents.emit(event, ...args);
    expect(engine.endedOwners).toEqual(['electron:7']);
  });

  it('keeps its playback for a move within the page or a subframe navigation', async () => {
    const { engine, mainFrame, call, contents } = setup();
    await call(mainFrame, 'library:list', {});
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    contents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(engine.endedOwners).toEqual([]);
  });

  it('watches a web contents once, however many commands it sends', async () => {
    const { mainFrame, call, contents } = setup();
    for (let i = 0; i < 5; i++) await call(mainFrame, 'settings:get', {});
    expect(contents.listenerCount('destroyed')).toBe(1);
  });

  it('never hands a refused sender an owner', async () => {
    const { engine, call } = setup();
    await call(null, 'library:list', {});
    expect(engine.owners).toEqual([]);
  });
});

describe('engine events to the window', () => {
  it('forwards events on the event channel and holds open-item until the window is ready', () => {
    const engine = createFakeEngine();
    const sent: unknown[][] = [];
    const target = { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false };
    const forwarder = forwardEngineEvents(engine, () => target);
    engine.emit('notice', { level: 'info', message: 'hi' });
    engine.emit('open-item', { itemId: FAKE_ITEM.id, autoplay: true });
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, 'notice', { level: 'info', message: 'hi' }]]);
    forwarder.windowReady();
    expect(sent.at(-1)).toEqual([
      IPC_EVENT_CHANNEL,
      'open-item',
      { itemId: FAKE_ITEM.id, autoplay: true },
    ]);
    forwarder.dispose();
    expect(engine.listenerCount()).toBe(0);
  });

  it('holds a channel opened from outside until the window is ready', () => {
    const engine = createFakeEngine();
    const sent: unknown[][] = [];
    const target = { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false };
    const forwarder = forwardEngineEvents(engine, () => target);
    engine.emit('open-channel', { link: 'essaim-live:?pk=x' });
    expect(sent).toEqual([]);
    forwarder.windowReady();
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, 'open-channel', { link: 'essaim-live:?pk=x' }]]);
    forwarder.dispose();
  });
});
