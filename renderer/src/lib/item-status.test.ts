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
      'fetching-metadata': ['library.status.fetchingMetadata', 0.1],
      seeding: ['library.status.seeding', 1],
      paused: ['library.status.paused', 0.1],
      complete: ['library.status.complete', 1],
    } as const;
    for (const [status, [key, progress]] of Object.entries(keys)) {
      const view = itemStatusView(
        { ...item, status: status as keyof typeof keys, progress },
        undefined,
      );
      expect(view.key).toBe(key);
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

describe('label words', () => {
  /** The label exactly as the window shows it, from the real translation tables. */
  function label(table: unknown, view: { key: string; percent: number }): string {
    const template = view.key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], table);
    return String(template).replace('{{percent}}', String(view.percent));
  }
  const running = (progress: number, status: TorrentStats['status']) =>
    itemStatusView({ ...item, status, progress }, { ...stats, progress, status });

  it('says a half-downloaded title that is sharing is downloading, with its percentage', () => {
    expect(label(en, running(0.54, 'seeding'))).toBe('Downloading 54%');
    expect(label(fr, running(0.54, 'seeding'))).toBe('Téléchargement 54\u00a0%');
    expect(label(en, running(0.54, 'downloading'))).toBe('Downloading 54%');
  });
  it('says complete, sharing only when every piece is in', () => {
    expect(label(en, running(1, 'seeding'))).toBe('Complete, sharing');
    expect(label(fr, running(1, 'downloading'))).toBe('Terminé, en partage');
    // the last piece still missing is not "100%"
    expect(label(en, running(0.9996, 'seeding'))).toBe('Downloading 99%');
  });
  it('gives a stopped title its percentage, or says it is complete', () => {
    const stopped = (progress: number, status: LibraryItem['status']) =>
      itemStatusView({ ...item, status, progress }, undefined);
    expect(label(en, stopped(0.54, 'paused'))).toBe('Paused at 54%');
    expect(label(fr, stopped(0.54, 'paused'))).toBe('En pause à 54\u00a0%');
    expect(label(en, stopped(0.54, 'complete'))).toBe('Paused at 54%');
    expect(label(en, stopped(1, 'paused'))).toBe('Complete');
    expect(label(fr, stopped(1, 'complete'))).toBe('Terminé');
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
