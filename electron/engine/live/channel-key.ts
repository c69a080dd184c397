// A channel's identity: its ed25519 key pair, kept in the broadcaster's data folder so the same
// folder always means the same channel and link. The private key never leaves that file.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { writeDurably } from '../storage/durable-write.js';

export interface ChannelKey {
  /** 32 raw bytes, base64url: what channel links and manifests carry */
  publicKey: string;
  sign(data: Uint8Array): string;
}

const KEY_FILE = 'channel-key.pem';

/** Loads the key pair of `dataDir`, or makes one the first time (written atomically, mode 600). */
export async function loadOrCreateChannelKey(dataDir: string): Promise<ChannelKey> {
  const path = join(dataDir, KEY_FILE);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `The channel key in ${path} cannot be read (${String(err)}); it was left as it is.`,
      );
    }
    privateKey = generateKeyPairSync('ed25519').privateKey;
    await mkdir(dataDir, { recursive: true });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    await writeDurably(`${path}.tmp`, pem);
    await rename(`${path}.tmp`, path);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The channel key in ${path} is not an ed25519 key.`);
  }
  return channelKeyOf(privateKey);
}

export function channelKeyOf(privateKey: KeyObject): ChannelKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return {
    publicKey: String(jwk.x),
    sign: (data) => sign(null, data, privateKey).toString('base64url'),
  };
}

/** True only for a valid ed25519 signature of `data` by the channel `publicKey`. */
export function verifyChannelSignature(publicKey: string, data: Uint8Array, sig: string): boolean {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey },
      format: 'jwk',
    });
    const signature = Buffer.from(sig, 'base64url');
    if (signature.length !== 64) return false;
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}
