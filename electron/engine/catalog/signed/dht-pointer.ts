// The BEP 46 pointer of a signed catalog: a BEP 44 mutable item in the DHT under the publisher's
// key, its value { ih: <info hash of the signed file's torrent> }, its seq the catalog's sequence.
// Items are only accepted with a valid signature by the key asked for.
import { createHash } from 'node:crypto';
import type { MutableDht, MutableItem } from 'webtorrent';
import { verifyEd25519 } from '../../torrent/ed25519.js';

export interface CatalogPointer {
  infoHash: string;
  sequence: number;
  /** the signed item as found, so a viewer can put it back and keep it alive without the key */
  item: MutableItem;
}

/** How long a put waits for the node to know others (a put to nobody is lost). */
const READY_WAIT_MS = 30_000;

/** Where the item lives in the DHT: SHA-1 of the key (no salt). */
export const pointerTarget = (publicKey: Uint8Array): Buffer =>
  createHash('sha1').update(publicKey).digest();

/** Puts the pointer signed with the publisher's key; resolves with how many nodes took it. */
export async function publishPointer(
  dht: MutableDht,
  publicKey: Buffer,
  sign: (data: Uint8Array) => Uint8Array,
  sequence: number,
  infoHash: string,
): Promise<number> {
  const v = { ih: Buffer.from(infoHash, 'hex') };
  await whenReady(dht, READY_WAIT_MS);
  return new Promise((resolve) => {
    dht.put({ k: publicKey, seq: sequence, v, sign }, (err, _hash, nodes) =>
      resolve(err ? 0 : nodes),
    );
  });
}

/** Puts an item found earlier back into the DHT, unchanged (its signature still holds). */
export function putBack(dht: MutableDht, item: MutableItem): Promise<number> {
  return new Promise((resolve) => {
    dht.put(
      { k: item.k, seq: item.seq, v: item.v, sig: Buffer.from(item.sig) },
      (err, _hash, nodes) => resolve(err ? 0 : nodes),
    );
  });
}

/** The newest pointer for `publicKey` the DHT knows, or undefined when none is found in time. */
export async function resolvePointer(
  dht: MutableDht,
  publicKey: Buffer,
  timeoutMs: number,
): Promise<CatalogPointer | undefined> {
  const started = Date.now();
  // just after start the node knows no other node yet: a lookup then finds nothing at all
  if (!(await whenReady(dht, timeoutMs))) return undefined;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs - (Date.now() - started));
    // cache: false asks the network even when this node holds a copy, to find a newer one
    dht.get(pointerTarget(publicKey), { verify: verifyEd25519, cache: false }, (err, item) => {
      clearTimeout(timer);
      resolve(err || !item ? undefined : pointerOf(item, publicKey));
    });
  });
}

/** Resolves true once the node has bootstrapped, false when it has not within `timeoutMs`. */
export function whenReady(dht: MutableDht, timeoutMs: number): Promise<boolean> {
  if (dht.ready) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      dht.removeListener('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    dht.once('ready', onReady);
  });
}

function pointerOf(item: MutableItem, publicKey: Buffer): CatalogPointer | undefined {
  if (!Buffer.from(item.k).equals(publicKey)) return undefined;
  if (!Number.isSafeInteger(item.seq) || item.seq < 1) return undefined;
  const v = item.v as { ih?: unknown } | null;
  const ih = v && typeof v === 'object' ? v.ih : undefined;
  if (!(ih instanceof Uint8Array) || ih.length !== 20) return undefined;
  return { infoHash: Buffer.from(ih).toString('hex'), sequence: item.seq, item };
}
