// The address forms of an Internet Archive source and the search query each one means. Accepts
// only archive.org pages and the `ia:` forms; never builds a query from unchecked identifiers.

export interface ArchiveQuery {
  /** the advanced-search query (Lucene syntax) */
  query: string;
  /** what the source is called until the answer names it */
  label: string;
}

/** Internet Archive identifiers: letters, digits, underscore, dot and dash, at most 100. */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const MAX_QUERY = 1000;
/** Films the Archive offers as a torrent; items it never made a torrent for cannot play. */
const PLAYABLE = 'mediatype:(movies) AND format:("Archive BitTorrent")';
const HOSTS = new Set(['archive.org', 'www.archive.org']);

const collection = (name: string): ArchiveQuery => ({
  query: `collection:(${name}) AND ${PLAYABLE}`,
  label: `Internet Archive: ${name}`,
});
const item = (id: string): ArchiveQuery => ({
  query: `identifier:(${id})`,
  label: `Internet Archive: ${id}`,
});
const search = (query: string): ArchiveQuery | undefined => {
  const text = query.trim();
  // control characters never belong in a query; they are refused rather than passed on
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (text === '' || text.length > MAX_QUERY || /[\u0000-\u001f\u007f]/.test(text))
    return undefined;
  return { query: text, label: `Internet Archive: ${text.slice(0, 100)}` };
};

/** `ia:collection:NAME`, `ia:item:ID`, `ia:search:QUERY`, or an archive.org details/search link. */
export function parseArchiveAddress(address: string): ArchiveQuery | undefined {
  const text = address.trim();
  const short = /^ia:(collection|item|search):(.*)$/is.exec(text);
  if (short) {
    const [, form = '', value = ''] = short;
    if (form.toLowerCase() === 'search') return search(value);
    if (!IDENTIFIER.test(value)) return undefined;
    return form.toLowerCase() === 'collection' ? collection(value) : item(value);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const details = /^\/details\/([^/]+)\/?$/.exec(url.pathname);
  if (details) {
    const id = decodeURIComponent(details[1] ?? '');
    if (!IDENTIFIER.test(id)) return undefined;
    // a details page is a collection or a single item; the query finds either
    return {
      query: `(collection:(${id}) AND ${PLAYABLE}) OR identifier:(${id})`,
      label: `Internet Archive: ${id}`,
    };
  }
  if (url.pathname === '/search' || url.pathname === '/search.php') {
    return search(url.searchParams.get('query') ?? '');
  }
  if (url.pathname === '/advancedsearch.php') return search(url.searchParams.get('q') ?? '');
  return undefined;
}
