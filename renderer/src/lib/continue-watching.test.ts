// Continue watching: started, not finished, not marked watched, newest first, one per episode.
import { describe, expect, it } from 'vitest';
import type { CatalogView, LibraryItem } from '../../../shared/domain';
import { continueWatching, myListTitles } from './continue-watching';

const catalog: CatalogView = {
  titles: [
    { id: 'film', kind: 'film', name: 'Film', source: 'x' },
    { id: 'done', kind: 'film', name: 'Done', source: 'x' },
    {
      id: 'show',
      kind: 'series',
      name: 'Show',
      episodes: [
        { id: 'show:1', season: 1, episode: 1, name: 'One', source: 'x' },
        { id: 'show:2', season: 1, episode: 2, name: 'Two', source: 'x' },
      ],
    },
  ],
  channels: [],
  problems: [],
};

let n = 0;
const item = (patch: Partial<LibraryItem>): LibraryItem => ({
  id: String(++n).padStart(40, '0'),
  name: 'x',
  addedAt: 0,
  magnet: '',
  files: [],
  length: 0,
  downloaded: 0,
  uploaded: 0,
  progress: 0,
  positionSeconds: 0,
  status: 'paused',
  ...patch,
});

describe('continueWatching', () => {
  it('lists started films and episodes, most recently played first', () => {
    const list = continueWatching(
      [
        item({ titleId: 'film', positionSeconds: 600, durationSeconds: 6000, lastPlayedAt: 10 }),
        item({
          titleId: 'show',
          episodeId: 'show:2',
          positionSeconds: 300,
          durationSeconds: 1500,
          lastPlayedAt: 30,
        }),
        item({
          titleId: 'show',
          episodeId: 'show:1',
          positionSeconds: 300,
          durationSeconds: 1500,
          lastPlayedAt: 20,
        }),
      ],
      catalog,
      { watched: {}, myList: [] },
    );
    expect(list.map((e) => e.episode?.id ?? e.title.id)).toEqual(['show:2', 'show:1', 'film']);
    expect(list[2]?.share).toBeCloseTo(0.1);
  });

  it('leaves out what is barely started, finished, marked watched, not in the shelf or opened by hand', () => {
    const list = continueWatching(
      [
        item({ titleId: 'film', positionSeconds: 20, durationSeconds: 6000 }),
        item({ titleId: 'done', positionSeconds: 5900, durationSeconds: 6000 }),
        item({ titleId: 'show', episodeId: 'show:1', positionSeconds: 300, durationSeconds: 1500 }),
        item({ titleId: 'gone', positionSeconds: 300, durationSeconds: 1500 }),
        item({ positionSeconds: 300, durationSeconds: 1500 }),
      ],
      catalog,
      { watched: { 'show:1': 1 }, myList: [] },
    );
    expect(list).toEqual([]);
  });

  it('lists My list titles the shelf still has, in the list order', () => {
    expect(
      myListTitles(catalog, { watched: {}, myList: ['show', 'gone', 'film'] }).map((t) => t.id),
    ).toEqual(['show', 'film']);
  });
});
