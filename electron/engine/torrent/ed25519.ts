// ed25519 with raw 32-byte public keys, as BEP 44 (DHT mutable items) and signed catalogs carry
// them. Verification never throws: a malformed key or signature simply does not verify.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The 32 raw bytes of an ed25519 key's public half. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url');
}

export function signEd25519(privateKey: KeyObject, data: Uint8Array): Buffer {
  return sign(null, data, privateKey);
}

/** True only for a valid signature of `data` by the raw 32-byte `publicKey`. */
export function verifyEd25519(
  signature: Uint8Array,
  data: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}
