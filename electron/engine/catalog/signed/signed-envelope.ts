// The signed catalog file: a catalog wrapped with its publisher's key, a sequence number and a
// date, signed over fixed bytes (see docs/signed-catalogs.md). Checking never trusts a field
// before the signature over it has been verified with the key the user chose.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_CATALOG_BYTES } from '../../../../shared/catalog-schema.js';
import { CATALOG_KEY } from '../../../../shared/catalog-link.js';
import { verifyEd25519 } from '../../torrent/ed25519.js';

export const SIGNED_FORMAT = 'essaim-signed-catalog';
export const SIGNED_VERSION = 1;
/** the catalog travels as a JSON string: escaping can at most double it */
export const MAX_SIGNED_BYTES = 2 * MAX_CATALOG_BYTES + 64 * 1024;

const envelopeSchema = z.object({
  format: z.literal(SIGNED_FORMAT),
  version: z.literal(SIGNED_VERSION),
  publicKey: z.string().regex(CATALOG_KEY),
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  generated: z.iso.datetime(),
  catalog: z.string().min(1).max(MAX_CATALOG_BYTES),
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type SignedEnvelope = z.infer<typeof envelopeSchema>;
export type UnsignedEnvelope = Omit<SignedEnvelope, 'signature'>;

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The exact bytes the signature covers: one field a line, the catalog by its SHA-256. */
export function signedBytes(e: UnsignedEnvelope): Buffer {
  return Buffer.from(
    [
      SIGNED_FORMAT,
      `version:${e.version}`,
      `public-key:${e.publicKey}`,
      `sequence:${e.sequence}`,
      `generated:${e.generated}`,
      `catalog-sha256:${sha256Hex(e.catalog)}`,
      '',
    ].join('\n'),
    'utf8',
  );
}

/** The file as written: stable key order, so the same publication always gives the same bytes. */
export function serializeEnvelope(
  e: UnsignedEnvelope,
  sign: (data: Uint8Array) => Uint8Array,
): string {
  const signature = Buffer.from(sign(signedBytes(e))).toString('hex');
  const ordered: SignedEnvelope = {
    format: SIGNED_FORMAT,
    version: SIGNED_VERSION,
    publicKey: e.publicKey,
    sequence: e.sequence,
    generated: e.generated,
    catalog: e.catalog,
    signature,
  };
  return `${JSON.stringify(ordered, null, 1)}\n`;
}

export type EnvelopeProblem = 'not-signed' | 'other-key' | 'forged';
export type CheckedEnvelope =
  { ok: true; envelope: SignedEnvelope } | { ok: false; problem: EnvelopeProblem; reason: string };

/** Checks a signed file against the key the user trusts (64 hex digits). */
export function checkEnvelope(bytes: Uint8Array | string, trustedKey: string): CheckedEnvelope {
  const refuse = (problem: EnvelopeProblem, reason: string): CheckedEnvelope => ({
    ok: false,
    problem,
    reason,
  });
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_SIGNED_BYTES) return refuse('not-signed', 'the signed catalog is far too large');
  let raw: unknown;
  try {
    raw = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch {
    return refuse('not-signed', 'it is not a signed catalog (not valid JSON)');
  }
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    return refuse('not-signed', 'it is not a signed catalog (its fields are missing or wrong)');
  }
  const envelope = parsed.data;
  if (envelope.publicKey !== trustedKey.toLowerCase()) {
    return refuse('other-key', 'it was signed by another key than the one in the catalog link');
  }
  const good = verifyEd25519(
    Buffer.from(envelope.signature, 'hex'),
    signedBytes(envelope),
    Buffer.from(envelope.publicKey, 'hex'),
  );
  if (!good) return refuse('forged', 'its signature does not match: it was altered or forged');
  return { ok: true, envelope };
}
