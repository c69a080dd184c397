// A catalog publisher's identity: its ed25519 key pair, kept in the publisher's data folder (mode
// 600) so the same folder always means the same catalog and link. The private key never leaves it.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { rawPublicKey, signEd25519 } from '../../torrent/ed25519.js';

export const PUBLISHER_KEY_FILE = 'catalog-key.pem';

export interface PublisherKey {
  /** 32 raw bytes: what the DHT pointer carries */
  publicKey: Buffer;
  /** the same, as 64 hex digits: what the link and the signed file carry */
  publicKeyHex: string;
  sign(data: Uint8Array): Buffer;
  /** true when this run made the key (the first publication from this folder) */
  created: boolean;
}

/** Loads the key of `dataDir`, or makes one the first time (written atomically, readable by its owner only). */
export async function loadOrCreatePublisherKey(dataDir: string): Promise<PublisherKey> {
  const path = join(dataDir, PUBLISHER_KEY_FILE);
  let privateKey: KeyObject;
  let created = false;
  try {
    privateKey = createPrivateKey(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(
        `The catalog key in ${path} cannot be read (${String(err)}); it was left as it is.`,
      );
    }
    privateKey = generateKeyPairSync('ed25519').privateKey;
    await mkdir(dataDir, { recursive: true });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    // created with mode 600 from the start: never readable by others, even for a moment
    const handle = await open(`${path}.tmp`, 'w', 0o600);
    try {
      await handle.writeFile(pem);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(`${path}.tmp`, 0o600); // the umask may have narrowed it, never widened: be exact
    await rename(`${path}.tmp`, path);
    created = true;
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The catalog key in ${path} is not an ed25519 key.`);
  }
  const publicKey = rawPublicKey(privateKey);
  return {
    publicKey,
    publicKeyHex: publicKey.toString('hex'),
    sign: (data) => signEd25519(privateKey, data),
    created,
  };
}
