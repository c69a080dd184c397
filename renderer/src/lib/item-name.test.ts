import { describe, expect, it } from 'vitest';
import type { CatalogView } from '../../../shared/domain';
import { itemDisplayName } from './item-name';

const catalog: CatalogView = {
  titles: [
    { id: 'sintel', kind: 'film', name: 'Sintel', source: 'magnet:?xt=urn:btih:x' },
    {
      id: 'cam',
      kind: 'series',
      name: 'Caminandes',
      episodes: [{ id: 'cam-2', season: 1, episode: 2, name: 'Gran Dillama', source: 'x' }],
    },
  ],
  channels: [],
  problems: [],
};

describe('itemDisplayName', () => {
  it('uses the catalog title, and the episode for a series', () => {
    expect(itemDisplayName({ name: 'Sintel.mkv', titleId: 'sintel' }, catalog)).toBe('Sintel');
    expect(itemDisplayName({ name: 'x', titleId: 'cam', episodeId: 'cam-2' }, catalog)).toBe(
      'Caminandes · Gran Dillama',
    );
  });
  it("falls back to the torrent's name when the title is unknown or there is no catalog", () => {
    expect(itemDisplayName({ name: 'Some.Film.mp4', titleId: 'gone' }, catalog)).toBe(
      'Some.Film.mp4',
    );
    expect(itemDisplayName({ name: 'Some.Film.mp4' }, null)).toBe('Some.Film.mp4');
  });
});
