// The window's one way to reach the engine: the bridge in use and the calls made through it. A call
// made before a bridge is connected answers a network error; it never throws.
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/api';
import type { Bridge } from '../../../shared/bridge';
import type { Result } from '../../../shared/errors';
import { pushErrorNotice } from './app-store';

let bridge: Bridge | null = null;

/** The bridge every later call goes through (set once the window has connected). */
export function setBridge(connected: Bridge): void {
  bridge = connected;
}

export function invoke<K extends CommandName>(
  name: K,
  input: CommandInput<K>,
): Promise<Result<CommandOutput<K>>> {
  if (!bridge) return Promise.resolve({ ok: false, error: { code: 'network', message: '' } });
  return bridge.invoke(name, input);
}

export async function invokeOrNotify<K extends CommandName>(
  name: K,
  input: CommandInput<K>,
): Promise<CommandOutput<K> | null> {
  const result = await invoke(name, input);
  if (result.ok) return result.value;
  pushErrorNotice(result.error);
  return null;
}
