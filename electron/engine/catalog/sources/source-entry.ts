// One source as the registry holds it, and how it is told to the user: its state row for the
// Sources page and the notes it adds to the shelf's problems. Pure functions, no I/O.
import { createHash } from 'node:crypto';
import type { CatalogProblem, SourceKind, SourceState } from '../../../../shared/domain.js';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { LoadedSource } from './source-adapter.js';

export type SourceOrigin = SourceState['origin'];

export interface SourceEntry {
  id: string;
  kind: SourceKind;
  address: string;
  origin: SourceOrigin;
  addedAt: number;
  state: SourceState['state'];
  /** the last good copy, fresh or from disk */
  loaded?: LoadedSource;
  /** ms since epoch of the last good copy */
  updatedAt?: number;
  /** why the last refresh failed, as the end of "because …" */
  failure?: string;
  failureCode?: ErrorCode;
  refreshing?: Promise<void>;
}

export const BUILTIN_SOURCE_ID = 'builtin';

export const sourceIdFor = (origin: SourceOrigin, kind: SourceKind, address: string): string =>
  `${origin === 'user' ? 'src' : 'cli'}-${createHash('sha256')
    .update(`${kind}\n${address}`)
    .digest('hex')
    .slice(0, 16)}`;

const day = (ms: number | undefined): string =>
  new Date(ms ?? Date.now()).toISOString().slice(0, 10);

const clip = (text: string, max = 2000): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** The row the Sources page shows. */
export function stateOf(entry: SourceEntry): SourceState {
  return {
    id: entry.id,
    kind: entry.kind,
    // a command-line address is not limited like a typed one; the row must still fit the contract
    address: entry.address.slice(0, 8192),
    name: clip(entry.loaded?.name ?? entry.address, 300),
    origin: entry.origin,
    state: entry.state,
    ...(entry.updatedAt !== undefined ? { updatedAt: entry.updatedAt } : {}),
    titles: entry.loaded?.titles.length ?? 0,
    channels: entry.loaded?.channels.length ?? 0,
    ...optionalProblem(entry),
  };
}

function optionalProblem(entry: SourceEntry): { problem?: string } {
  if (entry.state === 'failed' && entry.failure) {
    return { problem: clip(`It could not be read because ${entry.failure}.`) };
  }
  if (entry.state === 'stale' && entry.failure) {
    return {
      problem: clip(
        `It could not be refreshed because ${entry.failure}; the copy saved on ${day(entry.updatedAt)} is shown.`,
      ),
    };
  }
  const problems = entry.loaded?.problems ?? [];
  const first = problems[0];
  if (!first) return {};
  const where = first.entry ? `${first.entry}: ` : '';
  return {
    problem: clip(
      `${problems.length} of its entries had a problem (the first, ${where}${first.message})`,
    ),
  };
}

/** What a failed or stale source says on the shelf, before its own entries' problems. */
export function shelfNotes(entry: SourceEntry): CatalogProblem[] {
  if (!entry.failure) return [];
  if (entry.state === 'failed') {
    return [
      {
        catalog: entry.address,
        message: `This catalog could not be loaded because ${entry.failure}.`,
      },
    ];
  }
  if (entry.state === 'stale') {
    return [
      {
        catalog: entry.loaded?.name ?? entry.address,
        message: `This catalog could not be refreshed (${entry.failure}); showing the copy saved on ${day(entry.updatedAt)}.`,
      },
    ];
  }
  return [];
}

/** Network trouble or a source that is not a catalog: the window words them differently. */
export function failureCode(reason: string): ErrorCode {
  return /server|download|reach|redirection|local network|web address|http/i.test(reason)
    ? 'network'
    : 'catalog-invalid';
}
