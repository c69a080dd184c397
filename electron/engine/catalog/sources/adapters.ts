// Every kind of catalog source the engine can read, in the order kinds are tried when the user
// leaves the kind out. Adapters are stateless; options only point them at test servers.
import { createArchiveAdapter } from './internet-archive/archive-adapter.js';
import { rssAdapter } from './rss/rss-adapter.js';
import type { SourceAdapter } from './source-adapter.js';

export interface AdapterOptions {
  /** where the Internet Archive answers (tests: a recorded answer on loopback) */
  internetArchiveUrl?: string;
}

export function sourceAdapters(options: AdapterOptions = {}): SourceAdapter[] {
  return [
    createArchiveAdapter(
      options.internetArchiveUrl === undefined ? {} : { baseUrl: options.internetArchiveUrl },
    ),
    rssAdapter,
  ];
}
