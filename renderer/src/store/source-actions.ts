// What the Sources page asks of the engine (list, add, refresh, remove), and the shelf reloaded
// when the engine says it changed. Several changes in a row cost one reload at a time.
import type { SourceKind, SourceState } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { invoke } from './engine-calls';
import { pushErrorNotice, useAppStore } from './app-store';

let reloading: Promise<void> | null = null;
let again = false;

export function reloadCatalog(): Promise<void> {
  if (reloading) {
    again = true;
    return reloading;
  }
  reloading = (async () => {
    do {
      again = false;
      const result = await invoke('catalog:get', {});
      if (result.ok) useAppStore.setState({ catalog: result.value });
    } while (again);
  })().finally(() => {
    reloading = null;
  });
  return reloading;
}

export async function loadSources(): Promise<void> {
  const result = await invoke('sources:list', {});
  if (result.ok) useAppStore.setState({ sources: result.value });
  else pushErrorNotice(result.error);
}

const withState = (state: SourceState): void =>
  useAppStore.setState((s) => {
    const list = s.sources ?? [];
    const known = list.some((x) => x.id === state.id);
    return { sources: known ? list.map((x) => (x.id === state.id ? state : x)) : [...list, state] };
  });

/** The caller shows a failure next to the field it came from. */
export async function addSource(address: string, kind?: SourceKind): Promise<Result<SourceState>> {
  const result = await invoke('sources:add', kind ? { address, kind } : { address });
  if (result.ok) {
    withState(result.value);
    void reloadCatalog();
  }
  return result;
}

export async function refreshSource(sourceId: string): Promise<void> {
  const result = await invoke('sources:refresh', { sourceId });
  if (result.ok) withState(result.value);
  else pushErrorNotice(result.error);
}

export async function removeSource(sourceId: string): Promise<void> {
  const result = await invoke('sources:remove', { sourceId });
  if (!result.ok) return pushErrorNotice(result.error);
  useAppStore.setState((s) => ({ sources: (s.sources ?? []).filter((x) => x.id !== sourceId) }));
  void reloadCatalog();
}
