// The lab's scenarios: who seeds, at what rates and round trip, which film, and what is timed.
// Rates are kbit/s on the shaped links; the film's bitrate is about 5.1 Mbit/s.
import type { FilmKind } from './lab/media.js';
import type { SeederKind } from './lab/seeders.js';

export interface SeederSpec {
  kind: SeederKind;
  upKbit: number;
}

export interface Scenario {
  id: string;
  title: string;
  film: FilmKind;
  rttMs: number;
  seeders: SeederSpec[];
  /** other viewers (webtorrent leechers) started with each contender, capped at this download */
  leechers?: { count: number; downKbit: number };
  /** an HTTP web seed on a host of its own with this upload, in kbit/s */
  webSeedKbit?: number;
  viewer: { upKbit: number; downKbit: number };
  magnet?: boolean;
  /** seek to this fraction of the film, `seekAfterMs` after the first frame */
  seek?: { fraction: number; afterMs: number };
  /** watch this long after the first frame, counting stalls */
  watchSeconds?: number;
  /** wait until the whole file is on disk */
  complete?: boolean;
  /** sample resident memory over the watch */
  sampleMemory?: boolean;
  /** the contenders this scenario is about (default: all but aria2, which is about throughput) */
  contenders?: string[];
}

export const DEFAULT_CONTENDERS = [
  'essaim',
  'webtorrent-server',
  'webtorrent-cli',
  'peerflix',
  'qbittorrent',
];

const VIEWER = { upKbit: 20_000, downKbit: 100_000 };
// 4 seeders of 4 different programs, 6 Mbit/s up each: 24 Mbit/s, 4.7x the bitrate
const HEALTHY: SeederSpec[] = [
  { kind: 'webtorrent', upKbit: 6_000 },
  { kind: 'webtorrent', upKbit: 6_000 },
  { kind: 'transmission', upKbit: 6_000 },
  { kind: 'aria2', upKbit: 6_000 },
];

export const SCENARIOS: Scenario[] = [
  {
    id: 'healthy',
    title:
      'healthy: 4 seeders at 40 ms RTT, 24 Mbit/s upload in all, another viewer, .torrent known',
    film: 'mp4',
    rttMs: 40,
    seeders: HEALTHY,
    leechers: { count: 1, downKbit: 6_000 },
    viewer: VIEWER,
    watchSeconds: 5,
  },
  {
    id: 'magnet',
    title: 'the same, by magnet link',
    film: 'mp4',
    rttMs: 40,
    seeders: HEALTHY,
    viewer: VIEWER,
    magnet: true,
  },
  {
    id: 'moov-last',
    title: 'the same, MP4 with its index (moov) at the end',
    film: 'mp4-moov-last',
    rttMs: 40,
    seeders: HEALTHY,
    viewer: VIEWER,
  },
  {
    id: 'seek',
    title: 'the same, seek to 50 % one second after the first frame (not downloaded yet)',
    film: 'mp4',
    rttMs: 40,
    seeders: HEALTHY,
    viewer: VIEWER,
    seek: { fraction: 0.5, afterMs: 1_000 },
  },
  {
    id: 'mkv',
    title: 'the same, Matroska (MKV) file',
    film: 'mkv',
    rttMs: 40,
    seeders: HEALTHY,
    viewer: VIEWER,
    seek: { fraction: 0.5, afterMs: 1_000 },
  },
  {
    id: 'thin',
    title: 'thin: one slow seeder (3 Mbit/s, below the bitrate) plus an HTTP web seed (20 Mbit/s)',
    film: 'mp4',
    rttMs: 40,
    seeders: [{ kind: 'webtorrent', upKbit: 3_000 }],
    webSeedKbit: 20_000,
    viewer: VIEWER,
    watchSeconds: 20,
  },
  {
    id: 'uneven',
    title: 'uneven: one fast seeder (30 Mbit/s) and three slow ones (1 Mbit/s)',
    film: 'mp4',
    rttMs: 40,
    seeders: [
      { kind: 'webtorrent', upKbit: 30_000 },
      { kind: 'webtorrent', upKbit: 1_000 },
      { kind: 'transmission', upKbit: 1_000 },
      { kind: 'aria2', upKbit: 1_000 },
    ],
    viewer: VIEWER,
    seek: { fraction: 0.5, afterMs: 1_000 },
  },
  {
    id: 'stalls',
    title: 'a 60 s watch with swarm capacity 1.5x the bitrate (3 seeders of 2.6 Mbit/s)',
    film: 'mp4',
    rttMs: 40,
    seeders: [
      { kind: 'webtorrent', upKbit: 2_600 },
      { kind: 'transmission', upKbit: 2_600 },
      { kind: 'aria2', upKbit: 2_600 },
    ],
    viewer: VIEWER,
    watchSeconds: 60,
  },
  {
    id: 'long',
    title: 'long torrent (several GB): playback and a full download; memory, CPU, throughput',
    film: 'long',
    rttMs: 40,
    seeders: [
      { kind: 'webtorrent', upKbit: 60_000 },
      { kind: 'webtorrent', upKbit: 60_000 },
      { kind: 'transmission', upKbit: 60_000 },
      { kind: 'aria2', upKbit: 60_000 },
    ],
    viewer: { upKbit: 20_000, downKbit: 400_000 },
    watchSeconds: 600,
    complete: true,
    sampleMemory: true,
    contenders: [...DEFAULT_CONTENDERS, 'aria2'],
  },
];

/**
 * The least time the network allows before a first frame: the announce (one round trip), the
 * connection and the handshake (two), interest and unchoke (one), the first request (one), then
 * the bytes a player needs at the swarm's whole capacity (by magnet: the metadata first, one more
 * round trip). Scheduling, CPU and the player's own work come on top.
 */
export function firstFrameFloorMs(
  scenario: Scenario,
  regions: Array<{ start: number; end: number }>,
): number {
  const capacityKbit = Math.min(
    scenario.viewer.downKbit,
    scenario.seeders.reduce((sum, s) => sum + s.upKbit, 0) + (scenario.webSeedKbit ?? 0),
  );
  const bytes = regions.reduce((sum, r) => sum + r.end - r.start, 0);
  const roundTrips = 5 + (scenario.magnet ? 1 : 0);
  return roundTrips * scenario.rttMs + (bytes * 8) / capacityKbit;
}
