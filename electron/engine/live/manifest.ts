// The signed rolling manifest of a channel: what a viewer may play. A manifest is used only when
// its signature matches the channel key, it is fresh and newer than the last one; a segment only
// when its SHA-256 matches. Parsing is size-capped and schema-checked; it never throws on input.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type ChannelKey, verifyChannelSignature } from './channel-key.js';

/** A manifest is a few KiB; anything far larger is refused before parsing. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** A 2 s segment at a few Mbit/s is well under this; larger ones are refused. */
export const MAX_SEGMENT_BYTES = 16 * 1024 * 1024;

const segmentSchema = z
  .object({
    /** unique and increasing over the channel's life, across restarts */
    id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** seconds of media */
    dur: z.number().positive().max(60),
    bytes: z.number().int().min(1).max(MAX_SEGMENT_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** broadcaster's clock (ms) when the segment was published */
    at: z.number().int().min(0),
  })
  .strict();
export type ManifestSegment = z.infer<typeof segmentSchema>;

const payloadSchema = z
  .object({
    v: z.literal(1),
    channel: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    name: z.string().min(1).max(300),
    /** increases with every manifest, also across restarts (it is a clock in ms) */
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** broadcaster's clock (ms) when it was signed */
    ts: z.number().int().min(0),
    /** the longest segment, in seconds */
    target: z.number().positive().max(60),
    segments: z.array(segmentSchema).min(1).max(60),
  })
  .strict();
export type ManifestPayload = z.infer<typeof payloadSchema>;

const envelopeSchema = z
  .object({ payload: z.string().max(MAX_MANIFEST_BYTES), sig: z.string().max(200) })
  .strict();

export type ManifestProblem =
  'too-large' | 'malformed' | 'bad-signature' | 'wrong-channel' | 'stale' | 'old';
export type OpenedManifest =
  | { ok: true; manifest: ManifestPayload; bytes: Uint8Array }
  | { ok: false; problem: ManifestProblem; reason: string };

const REASONS: Record<ManifestProblem, string> = {
  'too-large': 'The channel sent a manifest that is far too large; it was ignored.',
  malformed: 'The channel sent a damaged manifest; it was ignored.',
  'bad-signature': 'A manifest was not signed by this channel; it was ignored.',
  'wrong-channel': 'A manifest of another channel was received; it was ignored.',
  stale: 'The channel sent an out-of-date manifest; it was ignored.',
  old: 'A manifest older than the one in use was received; it was ignored.',
};

export interface FreshnessRules {
  /** the seq of the manifest in use: anything not newer is refused (replay, rollback) */
  lastSeq?: number;
  /** the local clock */
  now: number;
  /** how old (by the broadcaster's clock, corrected by `clockOffsetMs`) a manifest may be */
  maxAgeMs: number;
  /** local clock minus the broadcaster's, when known; manifests from the future are refused too */
  clockOffsetMs?: number;
}

export function signManifest(key: ChannelKey, payload: ManifestPayload): Uint8Array {
  const text = JSON.stringify(payload);
  const sig = key.sign(Buffer.from(text));
  return Buffer.from(JSON.stringify({ payload: text, sig }));
}

/** Checks size, shape, signature (over the exact payload bytes), channel, then freshness. */
export function openManifest(
  bytes: Uint8Array,
  publicKey: string,
  rules: FreshnessRules,
): OpenedManifest {
  const refuse = (problem: ManifestProblem): OpenedManifest => ({
    ok: false,
    problem,
    reason: REASONS[problem],
  });
  if (bytes.byteLength > MAX_MANIFEST_BYTES) return refuse('too-large');
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    return refuse('malformed');
  }
  if (!verifyChannelSignature(publicKey, Buffer.from(envelope.payload), envelope.sig)) {
    return refuse('bad-signature');
  }
  let manifest: ManifestPayload;
  try {
    manifest = payloadSchema.parse(JSON.parse(envelope.payload));
  } catch {
    return refuse('malformed');
  }
  if (manifest.channel !== publicKey) return refuse('wrong-channel');
  if (rules.lastSeq !== undefined && manifest.seq <= rules.lastSeq) return refuse('old');
  const age = rules.now - (rules.clockOffsetMs ?? 0) - manifest.ts;
  // a clock running ahead by as much as the allowed age is tolerated, no more
  if (age > rules.maxAgeMs || age < -rules.maxAgeMs) return refuse('stale');
  return { ok: true, manifest, bytes };
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
