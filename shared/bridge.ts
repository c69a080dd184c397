// The shape of the bridge the window talks through (Electron preload or headless WebSocket).
// The window depends on this interface only, never on how it is carried.
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from './api.js';
import type { Result } from './errors.js';

export interface Bridge {
  invoke<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>>;
  /** Subscribe to an engine event; returns the unsubscribe function. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** The system's preferred languages, when the host knows them better than the page does. */
  readonly systemLanguages?: readonly string[];
}

/** The global name the Electron preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'essaim';

/** IPC channel names used by Electron: one for commands, one prefix for events. */
export const IPC_INVOKE_CHANNEL = 'essaim:invoke';
export const IPC_EVENT_CHANNEL = 'essaim:event';
