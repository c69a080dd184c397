// What a library item's row says about it: its state ("Downloading 42%", "Sharing"…) and how much
// it has shared. Live stats win over the library snapshot, which the engine sends less often.
import type { ItemStatus, LibraryItem, TorrentStats } from '../../../shared/domain';
import { percent } from './format';

export interface ItemStatusView {
  status: ItemStatus;
  /** translation key for the state; `percent` is its only parameter */
  key: string;
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
  // an error recorded in the library outlives the stats of the torrent that failed
  const status = item.status === 'error' ? 'error' : (stats?.status ?? item.status);
  const uploaded = Math.max(item.uploaded, stats?.uploaded ?? 0);
  return {
    status,
    key: KEYS[status],
    percent: percent(stats?.progress ?? item.progress),
    uploaded: Number.isFinite(uploaded) ? uploaded : 0,
  };
}

const VIDEO_NAME = /\.(mp4|m4v|mkv|webm|mov|avi|ts|m2ts|ogv)$/i;

/** Why a file of the torrent cannot be chosen: not a video at all, or a video the engine skips. */
export function unplayableReason(path: string): 'not-video' | 'skipped' {
  return VIDEO_NAME.test(path) ? 'skipped' : 'not-video';
}
