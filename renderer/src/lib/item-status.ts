// What a library item's row says about it: its state ("Downloading 42%", "Complete, sharing"…) and how much
// it has shared. Live stats win over the library snapshot, which the engine sends less often.
import type { ItemStatus, LibraryItem, TorrentStats } from '../../../shared/domain';
import { percent } from './format';

export interface ItemStatusView {
  /**
   * The state the label speaks of: a running torrent is "downloading" until it is complete and
   * "seeding" only then; a stopped one is "paused" or "complete" by its progress.
   */
  status: ItemStatus;
  /** translation key for the state; `percent` is its only parameter */
  key: string;
  /** whole percent downloaded; 100 only when every piece is in */
  percent: number;
  /** bytes sent to others in total; 0 means nothing to say */
  uploaded: number;
}

const KEYS: Record<ItemStatus, string> = {
  'fetching-metadata': 'library.status.fetchingMetadata',
  downloading: 'library.status.downloading',
  seeding: 'library.status.seeding',
  paused: 'library.status.paused',
  complete: 'library.status.complete',
  error: 'library.status.error',
};

export function itemStatusView(item: LibraryItem, stats: TorrentStats | undefined): ItemStatusView {
  const progress = stats?.progress ?? item.progress;
  const done = progress >= 1;
  // an error recorded in the library outlives the stats of the torrent that failed
  const reported = item.status === 'error' ? 'error' : (stats?.status ?? item.status);
  const status = settledStatus(reported, done);
  const uploaded = Math.max(item.uploaded, stats?.uploaded ?? 0);
  return {
    status,
    key: KEYS[status],
    // "Downloading 100%" for a torrent still missing its last piece would be a lie
    percent: done ? 100 : Math.min(99, percent(Math.floor(progress * 100) / 100)),
    uploaded: Number.isFinite(uploaded) ? uploaded : 0,
  };
}

/** A torrent sharing while half downloaded is downloading; a paused one that has it all is complete. */
function settledStatus(status: ItemStatus, done: boolean): ItemStatus {
  switch (status) {
    case 'downloading':
    case 'seeding':
      return done ? 'seeding' : 'downloading';
    case 'paused':
    case 'complete':
      return done ? 'complete' : 'paused';
    default:
      return status;
  }
}

const VIDEO_NAME = /\.(mp4|m4v|mkv|webm|mov|avi|ts|m2ts|ogv)$/i;

/** Why a file of the torrent cannot be chosen: not a video at all, or a video the engine skips. */
export function unplayableReason(path: string): 'not-video' | 'skipped' {
  return VIDEO_NAME.test(path) ? 'skipped' : 'not-video';
}
