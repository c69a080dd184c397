// Publishing a signed catalog: checks the catalog like any viewer would, signs it with the data
// folder's key under the next sequence number, writes the signed file (the mirror copy), then
// seeds it and puts its BEP 46 pointer. Never publishes a catalog with nothing usable in it.
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCatalogLink } from '../../../../shared/catalog-link.js';
import type { CatalogProblem } from '../../../../shared/domain.js';
import { MAX_CATALOG_BYTES } from '../../../../shared/catalog-schema.js';
import { checkEntries, parseCatalogText } from './catalog-check.js';
import { writeDurably } from '../../storage/durable-write.js';
import { SIGNED_FILE_NAME, type CatalogSwarm } from './catalog-swarm.js';
import { loadOrCreatePublisherKey, type PublisherKey } from './publisher-key.js';
import { nextPublication, readPublication, savePublication } from './publish-state.js';
import { serializeEnvelope, sha256Hex, SIGNED_FORMAT, SIGNED_VERSION } from './signed-envelope.js';

export interface PublishRequest {
  file: string;
  dataDir: string;
  mirror?: string;
  now?: Date;
  /** asks the DHT which number the key's pointer already has (after the catalog is checked) */
  sequenceInDht?: (publicKey: Buffer) => Promise<number | undefined>;
}

export interface PreparedCatalog {
  key: PublisherKey;
  link: string;
  name: string;
  sequence: number;
  /** true when the catalog did not change since the last publication: same number, same file */
  unchanged: boolean;
  /** the signed file, to put at the mirror address as it is */
  signedPath: string;
  signedBytes: Buffer;
  titles: number;
  channels: number;
  problems: CatalogProblem[];
}

/** The catalog file's text, refused before reading when it is not a file or too large. */
async function readCatalogFile(file: string): Promise<string> {
  const cannot = (reason: string) => new Error(`The catalog ${file} cannot be read: ${reason}.`);
  try {
    const info = await stat(file);
    if (!info.isFile()) throw cannot('it is not a file');
    if (info.size > MAX_CATALOG_BYTES) throw cannot('it is larger than 5 MiB');
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw cannot('the file does not exist');
    if (code === 'EACCES') throw cannot('the file cannot be read (permissions)');
    throw err instanceof Error && err.message.startsWith('The catalog') ? err : cannot(String(err));
  }
}

export async function prepareSignedCatalog(request: PublishRequest): Promise<PreparedCatalog> {
  const text = await readCatalogFile(request.file);
  const parsed = parseCatalogText(text);
  if (!parsed.ok)
    throw new Error(`The catalog ${request.file} cannot be published: ${parsed.reason}.`);
  const checked = checkEntries(parsed.file);
  if (checked.titles.length + checked.channels.length === 0) {
    throw new Error(
      `The catalog ${request.file} has no title or channel a viewer could use; nothing was published.`,
    );
  }
  const key = await loadOrCreatePublisherKey(request.dataDir);
  const publication = nextPublication(
    await readPublication(request.dataDir),
    sha256Hex(text),
    request.now ?? new Date(),
    await request.sequenceInDht?.(key.publicKey),
  );
  const signed = serializeEnvelope(
    {
      format: SIGNED_FORMAT,
      version: SIGNED_VERSION,
      publicKey: key.publicKeyHex,
      sequence: publication.sequence,
      generated: publication.generated,
      catalog: text,
    },
    key.sign,
  );
  const signedPath = join(request.dataDir, SIGNED_FILE_NAME);
  await writeDurably(`${signedPath}.tmp`, signed);
  await rename(`${signedPath}.tmp`, signedPath);
  // recorded only once the signed file exists: a crash in between reuses the number, never skips back
  await savePublication(request.dataDir, publication);
  return {
    key,
    link: formatCatalogLink({
      publicKey: key.publicKeyHex,
      ...(request.mirror ? { mirror: request.mirror } : {}),
      name: parsed.file.name,
    }),
    name: parsed.file.name,
    sequence: publication.sequence,
    unchanged: publication.unchanged,
    signedPath,
    signedBytes: Buffer.from(signed, 'utf8'),
    titles: checked.titles.length,
    channels: checked.channels.length,
    problems: checked.problems,
  };
}

/** Seeds the signed file and puts its pointer; resolves with its info hash and how many DHT nodes took the pointer. */
export async function shareSignedCatalog(
  prepared: PreparedCatalog,
  swarm: CatalogSwarm,
): Promise<{ infoHash: string; nodes: number }> {
  const { key, sequence, signedBytes } = prepared;
  const infoHash = await swarm.share(key.publicKeyHex, sequence, signedBytes);
  const nodes = await swarm.announce(key.publicKey, key.sign, sequence, infoHash);
  return { infoHash, nodes };
}
