// The 'signed' source kind: a catalog link (essaim-catalog:?pk=…) names a publisher's key; the
// newest copy is fetched from peers (BEP 46 pointer in the DHT) or the mirror, whichever brings an
// acceptable one first, checked against that key and the last accepted sequence, then seeded back.
import {
  isCatalogLinkText,
  parseCatalogLink,
  type CatalogLinkProblem,
} from '../../../../../shared/catalog-link.js';
import { capProblems, checkEntries, parseCatalogText } from '../../signed/catalog-check.js';
import { SourceError } from '../../catalog-source.js';
import type { CatalogSwarm } from '../../signed/catalog-swarm.js';
import type { CatalogPointer } from '../../signed/dht-pointer.js';
import {
  MAX_SIGNED_BYTES,
  checkEnvelope,
  sha256Hex,
  type SignedEnvelope,
} from '../../signed/signed-envelope.js';
import type { LoadedSource, SourceAdapter, SourceContext } from '../source-adapter.js';
import { AcceptedCopies, type AcceptedCopy } from './accepted-copies.js';

/** What the signed kind needs beyond a SourceContext; given once, when adapters are registered. */
export interface SignedCatalogServices {
  /** where the last accepted sequence of each key is kept (the app's data folder) */
  stateDir: string;
  /** the DHT and the torrent client; absent or without DHT: only mirrors are read */
  swarm?: CatalogSwarm;
  timeouts?: Partial<Timeouts>;
}

interface Timeouts {
  /** finding the pointer in the DHT */
  pointerMs: number;
  /** fetching the signed file from peers once the pointer is known */
  peersMs: number;
  mirrorMs: number;
}
const DEFAULT_TIMEOUTS: Timeouts = { pointerMs: 30_000, peersMs: 60_000, mirrorMs: 20_000 };

/** Problems with the link, worded to follow "it could not be read because …". */
const LINK_PROBLEMS: Record<CatalogLinkProblem, string> = {
  'not-a-catalog-link': 'it is not a catalog link (essaim-catalog:?pk=…)',
  'bad-key': 'the key in its link is not valid (pk= must be 64 hexadecimal characters)',
  'bad-mirror': 'the mirror in its link is not a web address (mirror=http…)',
};

const olderThan = (found: number, accepted: number): string =>
  `it is number ${found}, older than number ${accepted} already accepted; an old catalog may be being replayed`;

type Route = 'peers' | 'mirror';
const FROM: Record<Route, string> = { peers: 'from peers', mirror: 'from the mirror' };

type Verdict =
  | { ok: true; via: Route; envelope: SignedEnvelope; bytes: Uint8Array; pointer?: CatalogPointer }
  | {
      ok: false;
      via: Route;
      reason: string;
      /** true when a copy came and was refused; false when none came at all */
      refused: boolean;
      pointer?: CatalogPointer;
    };

/** Why a copy is refused given the last one accepted, in plain words; undefined when acceptable. */
export function sequenceProblem(
  envelope: SignedEnvelope,
  last: AcceptedCopy | undefined,
): string | undefined {
  if (!last) return undefined;
  if (envelope.sequence < last.sequence) {
    return olderThan(envelope.sequence, last.sequence);
  }
  if (envelope.sequence === last.sequence && sha256Hex(envelope.catalog) !== last.catalogSha256) {
    return `it is number ${envelope.sequence} like the copy already accepted, but its content differs`;
  }
  return undefined;
}

export function createSignedAdapter(services: SignedCatalogServices): SourceAdapter {
  const accepted = new AcceptedCopies(services.stateDir);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...services.timeouts };
  const swarm = services.swarm;

  async function load(address: string, context: SourceContext): Promise<LoadedSource> {
    const parsed = parseCatalogLink(address);
    if (!parsed.ok) throw new SourceError(LINK_PROBLEMS[parsed.problem]);
    const { publicKey, mirror } = parsed.link;
    const last = await accepted.get(publicKey);
    // after a restart: share the copy accepted last time at once, before asking anyone, so the
    // catalog stays reachable from this machine even when its publisher is gone
    if (swarm && last && !swarm.isSharing(publicKey)) {
      await shareStored(swarm, publicKey, last, context);
    }

    const judge = (bytes: Uint8Array, via: Route, pointer?: CatalogPointer): Verdict => {
      const checked = checkEnvelope(bytes, publicKey);
      if (!checked.ok) return { ok: false, via, reason: checked.reason, refused: true, pointer };
      const problem = sequenceProblem(checked.envelope, last);
      if (problem) return { ok: false, via, reason: problem, refused: true, pointer };
      return { ok: true, via, envelope: checked.envelope, bytes, pointer };
    };

    const fromPeers = async (): Promise<Verdict> => {
      const fail = (reason: string, refused = false): Verdict => ({
        ok: false,
        via: 'peers',
        reason,
        refused,
      });
      const pointer = await swarm!.resolve(Buffer.from(publicKey, 'hex'), timeouts.pointerMs);
      if (!pointer) return fail('no pointer signed by this key was found in the DHT');
      if (last && pointer.sequence < last.sequence) {
        return fail(olderThan(pointer.sequence, last.sequence), true);
      }
      let bytes: Uint8Array;
      try {
        bytes = await swarm!.fetch(publicKey, pointer, timeouts.peersMs);
      } catch (err) {
        return fail(err instanceof Error ? err.message : String(err));
      }
      const verdict = judge(bytes, 'peers', pointer);
      if (!verdict.ok) await swarm!.drop(publicKey, pointer.infoHash);
      return verdict;
    };

    const fromMirror = async (url: string): Promise<Verdict> => {
      try {
        const bytes = await context.fetchBytes(url, {
          maxBytes: MAX_SIGNED_BYTES,
          timeoutMs: timeouts.mirrorMs,
        });
        return judge(bytes, 'mirror');
      } catch (err) {
        const reason = err instanceof SourceError ? err.message : 'it could not be read';
        return { ok: false, via: 'mirror', reason, refused: false };
      }
    };

    const routes: Promise<Verdict>[] = [];
    const safely = (via: Route, route: () => Promise<Verdict>): Promise<Verdict> =>
      route().catch((err: unknown) => ({
        ok: false,
        via,
        reason: `of an unexpected problem (${String(err)})`,
        refused: false,
      }));
    if (swarm?.hasDht()) routes.push(safely('peers', fromPeers));
    if (mirror) routes.push(safely('mirror', () => fromMirror(mirror)));
    if (routes.length === 0) {
      throw new SourceError(
        'its link names no mirror and the DHT is off, so there is nowhere to fetch it from',
      );
    }
    const winner = await firstAcceptable(routes);
    // a later copy from peers that lost the race is not kept seeding beside the accepted one
    for (const route of routes) {
      void route.then((v) => {
        if (v !== winner && v.pointer && swarm) void swarm.drop(publicKey, v.pointer.infoHash);
      });
    }
    const { envelope } = winner;
    const catalog = parseCatalogText(envelope.catalog);
    if (!catalog.ok) {
      throw new SourceError(
        `the signed copy is genuine but the catalog inside is not usable: ${catalog.reason}`,
      );
    }
    const pointer = winner.pointer;
    await accepted.record(publicKey, {
      sequence: envelope.sequence,
      catalogSha256: sha256Hex(envelope.catalog),
      acceptedAt: Date.now(),
      ...(pointer && pointer.sequence === envelope.sequence
        ? {
            pointer: {
              infoHash: pointer.infoHash,
              signature: Buffer.from(pointer.item.sig).toString('hex'),
            },
          }
        : {}),
    });
    context.log(
      `signed catalog ${publicKey.slice(0, 8)}: copy number ${envelope.sequence} accepted ${FROM[winner.via]}`,
    );
    if (swarm) shareBack(swarm, publicKey, winner, context);
    const checked = checkEntries(catalog.file);
    return { ...checked, problems: capProblems(checked.problems, catalog.file.name) };
  }

  return { kind: 'signed', recognises: isCatalogLinkText, load };
}

/** Seeds the accepted copy while the app runs, and keeps its pointer alive in the DHT. */
function shareBack(
  swarm: CatalogSwarm,
  publicKey: string,
  winner: Extract<Verdict, { ok: true }>,
  context: SourceContext,
): void {
  const { envelope, bytes, pointer } = winner;
  if (pointer && pointer.sequence === envelope.sequence) void swarm.keepAlive(pointer);
  swarm.share(publicKey, envelope.sequence, bytes, pointer?.infoHash).then(
    (infoHash) => context.log(`signed catalog ${publicKey.slice(0, 8)}: shared as ${infoHash}`),
    (err: unknown) =>
      context.log(`signed catalog ${publicKey.slice(0, 8)}: not shared (${String(err)})`),
  );
}

/** Seeds the stored copy of the last accepted number, once it proves genuine again. */
async function shareStored(
  swarm: CatalogSwarm,
  publicKey: string,
  last: AcceptedCopy,
  context: SourceContext,
): Promise<void> {
  const bytes = await swarm.stored(publicKey, last.sequence);
  if (!bytes) return;
  const checked = checkEnvelope(bytes, publicKey);
  if (!checked.ok || checked.envelope.sequence !== last.sequence) return;
  if (sha256Hex(checked.envelope.catalog) !== last.catalogSha256) return;
  if (last.pointer) {
    // the pointer item is signed by the publisher: it goes back to the DHT unchanged
    await swarm.keepAlive({
      infoHash: last.pointer.infoHash,
      sequence: last.sequence,
      item: {
        k: Buffer.from(publicKey, 'hex'),
        seq: last.sequence,
        v: { ih: Buffer.from(last.pointer.infoHash, 'hex') },
        sig: Buffer.from(last.pointer.signature, 'hex'),
      },
    });
  }
  try {
    await swarm.share(publicKey, last.sequence, bytes);
  } catch (err) {
    context.log(`signed catalog ${publicKey.slice(0, 8)}: stored copy not shared (${String(err)})`);
  }
}

/** The first acceptable copy; when none is, every route's reason in one plain sentence. */
function firstAcceptable(routes: Promise<Verdict>[]): Promise<Extract<Verdict, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const refused: string[] = [];
    for (const route of routes) {
      void route.then((verdict) => {
        if (verdict.ok) return resolve(verdict);
        refused.push(
          verdict.refused
            ? `the copy ${FROM[verdict.via]} was refused (${verdict.reason})`
            : `nothing came ${FROM[verdict.via]} (${verdict.reason})`,
        );
        if (refused.length === routes.length) {
          reject(new SourceError(`no acceptable copy came: ${refused.join('; ')}`));
        }
      });
    }
  });
}
