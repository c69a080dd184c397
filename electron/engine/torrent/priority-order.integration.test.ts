// The most urgent pieces are always asked for first (patches/webtorrent+*.patch, strictPriority):
// webtorrent alone moves a selection that has just filled one peer's queue behind every other
// prioritized one, so the next peer was asked for the far end of the read-ahead window before the
// piece the player waits for. A real torrent client against seeders that answer when told to.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { until } from '../test-support/metered-torrent.js';
import {
  playingFromMeteredSeeders,
  type MeteredPlayback,
} from '../test-support/metered-playback.js';
import { CRITICAL_PIECES } from './piece-plan.js';

const PIECE_LENGTH = 256 * 1024;

let dir: string;
let playback: MeteredPlayback | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-priority-order-'));
});

afterEach(async () => {
  for (const peer of playback?.peers ?? []) peer.close();
  await playback?.client.destroy();
  playback = undefined;
  await rm(dir, { recursive: true, force: true });
});

it('asks the next peer for the pieces the player waits for, not for the far end of the window', async () => {
  playback = await playingFromMeteredSeeders(dir, 8, PIECE_LENGTH, ['first', 'next']);
  const [first, next] = playback.peers;
  if (!first || !next) throw new Error('two peers expected');
  first.unchoke();
  await until(() => first.outstanding() > 0, 'requests to the first peer');
  await new Promise((resolve) => setTimeout(resolve, 200));
  next.unchoke();
  await until(() => next.outstanding() > 0, 'requests to the next peer');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const asked = next.outstandingPieces();
  console.log(`[measure] pieces asked of the next peer: ${asked.join(', ')}`);
  // piece 0 is not complete (nobody has answered yet): its blocks and the critical band come first
  expect(
    asked.filter((piece) => piece >= CRITICAL_PIECES),
    'pieces beyond the critical band',
  ).toEqual([]);
}, 30_000);
