// Merges every source's titles and channels into the one shelf, in source order (built-in first):
// the first entry with an id wins, the others are reported. Never drops a source's problems.
import type { CatalogProblem, CatalogView } from '../../../../shared/domain.js';
import type { LoadedSource } from './source-adapter.js';

export interface MergeInput {
  sourceId: string;
  /** the source's name for problems when nothing was loaded */
  label: string;
  loaded?: LoadedSource;
  /** said before the source's own problems (a failed refresh) */
  notes: CatalogProblem[];
}

export function mergeSources(inputs: readonly MergeInput[]): CatalogView {
  const view: CatalogView = { titles: [], channels: [], problems: [] };
  const titleIds = new Set<string>();
  const channelIds = new Set<string>();
  for (const input of inputs) {
    view.problems.push(...input.notes);
    const loaded = input.loaded;
    if (!loaded) continue;
    view.problems.push(...loaded.problems);
    const isNew = (ids: Set<string>, id: string): boolean => {
      if (!ids.has(id)) {
        ids.add(id);
        return true;
      }
      view.problems.push({
        catalog: loaded.name,
        entry: id,
        message: 'Skipped: an entry with this id was already loaded; the first one is kept.',
      });
      return false;
    };
    for (const title of loaded.titles) {
      if (isNew(titleIds, title.id)) view.titles.push({ ...title, sourceId: input.sourceId });
    }
    view.channels.push(...loaded.channels.filter((channel) => isNew(channelIds, channel.id)));
  }
  return view;
}
