// The sandboxed preload: exposes the contract (invoke known commands, listen to known events) as
// window.essaim, and nothing else. Never exposes ipcRenderer, its events or any Node facility.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventNames, isCommandName, type EventName } from '../../shared/api.js';
import { BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge.js';
import { fail, toAppError, type Result } from '../../shared/errors.js';
import { readSystemLanguages } from '../../shared/system-languages.js';

type Listener = (payload: unknown) => void;

const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (eventNames as readonly string[]).includes(name);

// One IPC listener for all subscriptions: the page may subscribe often, and only the payload
// (never the IPC event with its sender) reaches page code.
const listeners = new Map<EventName, Set<Listener>>();
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (!isEventName(name)) return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`A window listener for "${name}" failed`, err);
    }
  }
});

async function invoke(name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isCommandName(name))
    return fail(
      'invalid-input',
      'The window asked for something the player does not know how to do.',
    );
  try {
    return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input)) as Result<unknown>;
  } catch (err) {
    return { ok: false, error: toAppError(err) };
  }
}

function on(name: unknown, listener: unknown): () => void {
  if (!isEventName(name) || typeof listener !== 'function') return () => {};
  const set = listeners.get(name) ?? new Set<Listener>();
  listeners.set(name, set);
  const wrapped: Listener = (payload) => (listener as Listener)(payload);
  set.add(wrapped);
  return () => {
    set.delete(wrapped);
  };
}

// the main process passes the OS's preferred languages as a switch: the page's own
// navigator.languages only knows the single locale Chromium was started with
const systemLanguages = Object.freeze(readSystemLanguages(process.argv));

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze({ invoke, on, systemLanguages }));
