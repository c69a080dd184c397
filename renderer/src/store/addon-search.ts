// Searching the add-ons (catalog:search) for the words in the shelf's search box. Only the answer
// for the latest words is kept: an older request answering late is ignored.
import type { Title } from '../../../shared/domain';
import type { AppError } from '../../../shared/errors';
import { invoke } from './engine-calls';
import { useAppStore } from './app-store';

export interface AddonSearch {
  /** the words asked, trimmed */
  query: string;
  status: 'searching' | 'done' | 'failed';
  titles: Title[];
  /** per add-on that failed, in the engine's plain words */
  problems: string[];
  error?: AppError;
}

/** Bumped by every new search and by clearing, so a late answer for older words is dropped. */
let token = 0;

export async function searchAddons(text: string): Promise<void> {
  const query = text.trim().slice(0, 200);
  if (!query) return clearAddonSearch();
  const shown = useAppStore.getState().addonSearch;
  // coming back from a title found this way shows the same answer without asking again
  if (shown?.query === query && shown.status !== 'failed') return;
  const mine = ++token;
  useAppStore.setState({ addonSearch: { query, status: 'searching', titles: [], problems: [] } });
  const result = await invoke('catalog:search', { query });
  if (mine !== token) return;
  useAppStore.setState({
    addonSearch: result.ok
      ? { query, status: 'done', titles: result.value.titles, problems: result.value.problems }
      : { query, status: 'failed', titles: [], problems: [], error: result.error },
  });
}

export function clearAddonSearch(): void {
  token++;
  if (useAppStore.getState().addonSearch !== null) useAppStore.setState({ addonSearch: null });
}
