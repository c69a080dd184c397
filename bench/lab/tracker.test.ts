// The lab tracker on loopback: peers are handed out as relay addresses, and forgotten on request.
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startLabTracker, type LabTracker } from './tracker.js';

let tracker: LabTracker | undefined;
afterEach(async () => {
  await tracker?.close();
  tracker = undefined;
});

const HASH = '%01'.repeat(20);
function announce(url: string, peerId: string, port: number, left: number): Promise<Buffer> {
  const query = `info_hash=${HASH}&peer_id=${peerId}&port=${port}&left=${left}&compact=1`;
  return new Promise((resolve, reject) => {
    get(`${url}?${query}`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).once('error', reject);
  });
}

describe('lab tracker', () => {
  it('lists other peers at relay addresses, counts seeders, and forgets a host', async () => {
    tracker = await startLabTracker({ host: '127.0.0.1', delayMs: 0 });
    await announce(tracker.announceUrl, 'a'.repeat(20), 40001, 0);
    const reply = (await announce(tracker.announceUrl, 'b'.repeat(20), 40002, 100)).toString(
      'latin1',
    );
    const peers = Buffer.from(reply.slice(reply.indexOf('5:peers6:') + 9, -1), 'latin1');
    expect(peers).toHaveLength(6);
    // the one other peer, seen through a relay: a port of its own, not 40001
    expect(peers.readUInt16BE(4)).not.toBe(40001);
    expect(tracker.seeders()).toEqual({ ['01'.repeat(20)]: 1 });
    tracker.forget('127.0.0.1');
    expect(tracker.seeders()).toEqual({ ['01'.repeat(20)]: 0 });
  });
});
