import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channelKeyOf } from './channel-key.js';
import { openManifest, sha256Hex, signManifest, type ManifestPayload } from './manifest.js';
import { SegmentFetch } from './segment-fetch.js';
import type { SwarmPeer } from './channel-swarm.js';

const key = channelKeyOf(generateKeyPairSync('ed25519').privateKey);
const other = channelKeyOf(generateKeyPairSync('ed25519').privateKey);
const segmentBytes = Buffer.from('a segment of video'.repeat(100));

function payload(over: Partial<ManifestPayload> = {}): ManifestPayload {
  const now = Date.now();
  return {
    v: 1,
    channel: key.publicKey,
    name: 'Test',
    seq: now,
    ts: now,
    target: 2,
    segments: [
      { id: 7, dur: 2, bytes: segmentBytes.length, sha256: sha256Hex(segmentBytes), at: now },
    ],
    ...over,
  };
}
const rules = () => ({ now: Date.now(), maxAgeMs: 30_000 });

describe('signed manifests', () => {
  it('accepts a fresh manifest signed by the channel key', () => {
    const opened = openManifest(signManifest(key, payload()), key.publicKey, rules());
    expect(opened.ok).toBe(true);
  });

  it('refuses a manifest signed by another key, even when it names this channel', () => {
    const forged = signManifest(other, payload());
    const opened = openManifest(forged, key.publicKey, rules());
    expect(opened).toMatchObject({ ok: false, problem: 'bad-signature' });
  });

  it('refuses a manifest whose payload was changed after signing', () => {
    const envelope = JSON.parse(Buffer.from(signManifest(key, payload())).toString()) as {
      payload: string;
      sig: string;
    };
    const evil = Buffer.from('evil'.repeat(400));
    const changed = JSON.parse(envelope.payload) as ManifestPayload;
    changed.segments[0] = { ...changed.segments[0]!, sha256: sha256Hex(evil), bytes: evil.length };
    const tampered = Buffer.from(
      JSON.stringify({ payload: JSON.stringify(changed), sig: envelope.sig }),
    );
    expect(openManifest(tampered, key.publicKey, rules())).toMatchObject({
      ok: false,
      problem: 'bad-signature',
    });
  });

  it('refuses a stale manifest, a replayed one and one from the future', () => {
    const old = Date.now() - 120_000;
    const stale = signManifest(key, payload({ ts: old, seq: old }));
    expect(openManifest(stale, key.publicKey, rules())).toMatchObject({
      ok: false,
      problem: 'stale',
    });
    const future = Date.now() + 120_000;
    const ahead = signManifest(key, payload({ ts: future }));
    expect(openManifest(ahead, key.publicKey, rules())).toMatchObject({
      ok: false,
      problem: 'stale',
    });
    const current = payload();
    const replay = signManifest(key, current);
    expect(openManifest(replay, key.publicKey, { ...rules(), lastSeq: current.seq })).toMatchObject(
      { ok: false, problem: 'old' },
    );
  });

  it('refuses garbage, oversized input and a manifest of another channel without throwing', () => {
    expect(openManifest(Buffer.from('{nope'), key.publicKey, rules())).toMatchObject({
      problem: 'malformed',
    });
    expect(openManifest(Buffer.alloc(200_000, 32), key.publicKey, rules())).toMatchObject({
      problem: 'too-large',
    });
    const wrong = signManifest(other, payload({ channel: other.publicKey }));
    expect(openManifest(wrong, key.publicKey, rules())).toMatchObject({ ok: false });
    const badShape = signManifest(key, { ...payload(), segments: [] } as ManifestPayload);
    expect(openManifest(badShape, key.publicKey, rules())).toMatchObject({ problem: 'malformed' });
  });
});

describe('segment integrity', () => {
  const peer = {
    peer: { closed: false },
    role: 'viewer',
    have: new Set([7]),
  } as unknown as SwarmPeer;
  const seg = payload().segments[0]!;

  it('uses a segment whose bytes match the signed hash', () => {
    const fetch = new SegmentFetch(seg, 0, { originAt: 1e15, broadcasterAt: 0 });
    expect(fetch.choosePeer([peer], 1)).toBe(peer);
    expect(fetch.takeFromPeer(peer, 0, seg.bytes, segmentBytes, 2)).toBe(true);
    expect(fetch.verify()).toEqual({ ok: true });
  });

  it('refuses a tampered segment and names the peer that sent it', () => {
    const fetch = new SegmentFetch(seg, 0, { originAt: 1e15, broadcasterAt: 0 });
    fetch.choosePeer([peer], 1);
    const tampered = Buffer.from(segmentBytes);
    tampered[100] = (tampered[100] ?? 0) ^ 0xff;
    fetch.takeFromPeer(peer, 0, seg.bytes, tampered, 2);
    expect(fetch.complete).toBe(true);
    expect(fetch.verify()).toEqual({ ok: false, suspects: [peer] });
    expect(fetch.done).toBe(false);
    expect(fetch.got).toBe(0);
  });

  it('calls a peer that lies about the size a rule breaker', () => {
    const fetch = new SegmentFetch(seg, 0, { originAt: 1e15, broadcasterAt: 0 });
    fetch.choosePeer([peer], 1);
    expect(fetch.takeFromPeer(peer, 0, seg.bytes + 1, segmentBytes.subarray(0, 10), 2)).toBe(false);
  });
});
