// Electron IPC for the contract: one invoke channel (sender checked, payload validated, Result
// returned, never thrown) and engine events pushed to the window. Never exposes anything else.
// Each web contents owns the playback it started: closing, crashing or reloading it ends that playback.
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { eventNames, type CommandHandlers, type EventName } from '../../shared/api.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge.js';
import { fail, type Result } from '../../shared/errors.js';
import type { Engine } from '../engine/engine-api.js';
import { dispatchCommand } from '../host/command-dispatch.js';
import { isAppUrl } from './app-scheme.js';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>) => boolean;

/**
 * Trusted = the main frame of our window, showing one of our own pages. A subframe, another
 * window or a page that navigated elsewhere is refused even if it reaches the channel.
 */
export function createSenderCheck(
  getMainFrame: () => WebFrameMain | null | undefined,
): SenderCheck {
  return ({ senderFrame }) => {
    const main = getMainFrame();
    if (!senderFrame || !main) return false;
    const sameFrame =
      senderFrame === main ||
      (senderFrame.processId === main.processId && senderFrame.frameToken === main.frameToken);
    return sameFrame && !senderFrame.detached && isAppUrl(senderFrame.url);
  };
}

export interface IpcOptions {
  /** Called after each trusted invoke: the window is up and listening. */
  onTrustedInvoke?: () => void;
}

/** What the IPC side needs of a web contents to know when its page is gone. */
export type OwnerContents = Pick<WebContents, 'id' | 'on'>;

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  engine: Pick<Engine, 'handlersFor' | 'endOwner'>,
  isTrustedSender: SenderCheck,
  options: IpcOptions = {},
): void {
  const watched = new WeakMap<OwnerContents, CommandHandlers>();
  const handlersOf = (contents: OwnerContents): CommandHandlers => {
    let handlers = watched.get(contents);
    if (handlers) return handlers;
    const owner = `electron:${contents.id}`;
    handlers = engine.handlersFor(owner);
    watched.set(contents, handlers);
    watchPageEnds(contents, () => {
      void engine.endOwner(owner).catch(() => undefined);
    });
    return handlers;
  };
  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return fail(
          'invalid-input',
          'This request did not come from the Essaim window and was refused.',
        );
      }
      const result = await dispatchCommand(handlersOf(event.sender), name, input);
      options.onTrustedInvoke?.();
      return result;
    },
  );
}

/**
 * Calls `ended` whenever the page in `contents` goes: the window closes, its renderer crashes or
 * is killed, or its main frame navigates (a reload) — the new page starts with no playback.
 */
export function watchPageEnds(contents: OwnerContents, ended: () => void): void {
  contents.on('destroyed', ended);
  contents.on('render-process-gone', ended);
  contents.on(
    'did-start-navigation',
    (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
      if (details.isMainFrame && !details.isSameDocument) ended();
    },
  );
}

export interface EventForwarder {
  /** The window has invoked something: it listens now, so held items can go to it. */
  windowReady(): void;
  /** The window closed or reloads: hold open requests again until it is back. */
  windowGone(): void;
  dispose(): void;
}

/**
 * Pushes engine events to the window. Something opened from outside before the window listens
 * (first launch with a magnet) is held, not lost, and delivered once the window is ready.
 */
export function forwardEngineEvents(
  engine: Pick<Engine, 'on'>,
  getTarget: () => Pick<WebContents, 'send' | 'isDestroyed'> | null | undefined,
): EventForwarder {
  let ready = false;
  // what was opened from outside before the window could listen (a title or a channel)
  let held: Array<{ name: EventName; payload: unknown }> = [];
  const holds = (name: EventName): boolean => name === 'open-item' || name === 'open-channel';
  const deliver = (name: EventName, payload: unknown): boolean => {
    const target = getTarget();
    if (!target || target.isDestroyed()) return false;
    target.send(IPC_EVENT_CHANNEL, name, payload);
    return true;
  };
  const unsubscribers = eventNames.map((name) =>
    engine.on(name, (payload: unknown) => {
      if (holds(name) && (!ready || !deliver(name, payload))) held.push({ name, payload });
      else if (!holds(name)) deliver(name, payload);
    }),
  );
  return {
    windowReady() {
      if (ready) return;
      ready = true;
      const pending = held;
      held = [];
      for (const event of pending) if (!deliver(event.name, event.payload)) held.push(event);
    },
    windowGone() {
      ready = false;
    },
    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}
