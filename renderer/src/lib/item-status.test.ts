// The library row's state label: live stats first, errors kept, uploads never going backwards.
import { describe, expect, it } from 'vitest';
import { itemStatusSchema, type LibraryItem, type TorrentStats } from '../../../shared/domain';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { itemStatusView, unplayableReason } from './item-status';

const item: LibraryItem = {
  id: 'a'.repeat(40),
  name: 'Film',
  addedAt: 1,
  magnet: 'magnet:?xt=urn:btih:' + 'a'.repeat(40),
  files: [],
  length: 1000,
  downloaded: 100,
  uploaded: 0,
  progress: 0.1,
  positionSeconds: 0,
  status: 'downloading',
};

const stats: TorrentStats = {
  itemId: item.id,
  peers: 3,
  downloadSpeed: 10,
  uploadSpeed: 5,
  downloaded: 420,
  uploaded: 34_000_000,
  progress: 0.42,
  fileRanges: [],
  status: 'downloading',
};

describe('itemStatusView', () => {
  it('uses the library snapshot without stats', () => {
    expect(itemStatusView(item, undefined)).toEqual({
      status: 'downloading',
      key: 'library.status.downloading',
      percent: 10,
      uploaded: 0,
    });
  });
  it('prefers live stats', () => {
    const view = itemStatusView({ ...item, uploaded: 1000 }, stats);
    expect(view.percent).toBe(42);
    expect(view.uploaded).toBe(34_000_000);
  });
  it('maps every state to its label', () => {
    const keys = {
      'fetching-metadata': 'library.status.fetchingMetadata',
      seeding: 'library.status.seeding',
      paused: 'library.status.paused',
      complete: 'library.status.complete',
    } as const;
    for (const [status, key] of Object.entries(keys)) {
      expect(itemStatusView({ ...item, status: status as keyof typeof keys }, undefined).key).toBe(
        key,
      );
    }
  });
  it('keeps an error even while stats still say downloading', () => {
    const view = itemStatusView({ ...item, status: 'error' }, stats);
    expect(view.status).toBe('error');
    expect(view.key).toBe('library.status.error');
  });
  it('never shows less shared than the library recorded', () => {
    expect(itemStatusView({ ...item, uploaded: 5e7 }, stats).uploaded).toBe(5e7);
  });
});

describe('labels', () => {
  it('exist in English and French for every state and reason', () => {
    const lookup = (table: unknown, key: string): unknown =>
      key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], table);
    const keys = itemStatusSchema.options.map(
      (status) => itemStatusView({ ...item, status }, undefined).key,
    );
    keys.push('library.files.reasons.not-video', 'library.files.reasons.skipped');
    for (const key of keys) {
      expect(lookup(en, key), `en ${key}`).toMatch(/\S/);
      expect(lookup(fr, key), `fr ${key}`).toMatch(/\S/);
    }
  });
});

describe('unplayableReason', () => {
  it('tells a non-video from a skipped video', () => {
    expect(unplayableReason('Film/readme.txt')).toBe('not-video');
    expect(unplayableReason('Film/Sample/sample.mkv')).toBe('skipped');
  });
});
