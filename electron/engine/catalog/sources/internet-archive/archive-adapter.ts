// The Internet Archive source: a collection, an item or a search becomes film titles that play
// from the Archive's own torrents, whose web seeds serve the file even with no peer online.
import type { CatalogProblem } from '../../../../../shared/domain.js';
import { SourceError } from '../../catalog-source.js';
import { judgeLink } from '../link-rules.js';
import type { LoadedSource, SourceAdapter, SourceContext } from '../source-adapter.js';
import { parseArchiveAddress } from './archive-address.js';
import { readArchiveAnswer } from './archive-docs.js';

export const ARCHIVE_BASE_URL = 'https://archive.org';
/** The most downloaded items first, at most this many: a shelf, not the whole Archive. */
export const MAX_ARCHIVE_ROWS = 500;
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const FIELDS = [
  'identifier',
  'title',
  'year',
  'description',
  'subject',
  'creator',
  'runtime',
  'licenseurl',
  'downloads',
];

export interface ArchiveAdapterOptions {
  /** Where the Archive answers; tests serve a recorded answer on loopback. Default archive.org. */
  baseUrl?: string;
}

export function searchUrl(base: string, query: string): string {
  const params = new URLSearchParams();
  params.set('q', query);
  for (const field of FIELDS) params.append('fl[]', field);
  params.set('sort[]', 'downloads desc');
  params.set('rows', String(MAX_ARCHIVE_ROWS));
  params.set('page', '1');
  params.set('output', 'json');
  return `${base}/advancedsearch.php?${params.toString()}`;
}

export function createArchiveAdapter(options: ArchiveAdapterOptions = {}): SourceAdapter {
  const base = (options.baseUrl ?? ARCHIVE_BASE_URL).replace(/\/+$/, '');

  async function load(address: string, context: SourceContext): Promise<LoadedSource> {
    const parsed = parseArchiveAddress(address);
    if (!parsed) {
      throw new SourceError(
        'it is not an Internet Archive address (an archive.org details or search link, or ia:collection:NAME, ia:item:ID, ia:search:QUERY)',
      );
    }
    // the same rule as every catalog link: https, or the local network when the setting allows it
    const verdict = judgeLink(base, context.allowLocalNetwork());
    if (verdict !== 'ok') {
      throw new SourceError('the Internet Archive address in use is not https or not allowed');
    }
    const text = await context.fetchText(searchUrl(base, parsed.query), {
      maxBytes: MAX_ANSWER_BYTES,
    });
    const answer = readArchiveAnswer(text, base);
    const problems: CatalogProblem[] = [];
    const name = parsed.label;
    if (answer.found > answer.listed) {
      problems.push({
        catalog: name,
        message: `The Internet Archive found ${answer.found} items; the ${answer.listed} most downloaded were read.`,
      });
    }
    if (answer.leftOut > 0) {
      const n = answer.leftOut;
      problems.push({
        catalog: name,
        message: `${n === 1 ? '1 item had' : `${n} items had`} no usable identifier or title and ${n === 1 ? 'was' : 'were'} left out.`,
      });
    }
    return { name, titles: answer.titles, channels: [], problems };
  }

  return {
    kind: 'internet-archive',
    recognises: (address) => parseArchiveAddress(address) !== undefined,
    load,
  };
}

/** The adapter for archive.org itself. */
export const archiveAdapter = createArchiveAdapter();
