// Watched marks and My list, asked of the engine; the answer (or the engine's 'marks' event)
// is what the window shows, so two windows never disagree for long.
import type { CommandInput } from '../../../shared/api';
import { invoke } from './engine-calls';
import { pushErrorNotice, useAppStore } from './app-store';

/** Marks or unmarks a title or episode as watched, or puts a title on or off My list. */
export async function setMark(change: CommandInput<'marks:set'>): Promise<void> {
  const result = await invoke('marks:set', change);
  if (result.ok) useAppStore.setState({ marks: result.value });
  else pushErrorNotice(result.error);
}
