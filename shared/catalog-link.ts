// Reads and writes signed catalog links (`essaim-catalog:?pk=<hex>&mirror=<url>&dn=<name>`),
// strictly. The key is the catalog's identity (adding a link = trusting that key); the mirror and
// the name are hints. Never touches the network.

/** A publisher's public key: 32 raw ed25519 bytes as 64 lowercase hex digits. */
export const CATALOG_KEY = /^[0-9a-f]{64}$/;
export const CATALOG_LINK_PREFIX = 'essaim-catalog:';
const MAX_LINK_LENGTH = 4096;

export interface CatalogLink {
  publicKey: string;
  /** http(s) address of a copy of the signed file, tried beside the peers */
  mirror?: string;
  name?: string;
}

export type CatalogLinkProblem = 'not-a-catalog-link' | 'bad-key' | 'bad-mirror';
export type ParsedCatalogLink =
  { ok: true; link: CatalogLink } | { ok: false; problem: CatalogLinkProblem; reason: string };

const REASONS: Record<CatalogLinkProblem, string> = {
  'not-a-catalog-link': 'This is not a catalog link (it must start with essaim-catalog:?).',
  'bad-key': 'The key in this catalog link is not valid (pk= must be 64 hexadecimal characters).',
  'bad-mirror': 'The mirror in this catalog link is not a web address (mirror=http…).',
};

export function isCatalogLinkText(text: string): boolean {
  return text.trim().toLowerCase().startsWith(CATALOG_LINK_PREFIX);
}

export function parseCatalogLink(raw: string): ParsedCatalogLink {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const refuse = (problem: CatalogLinkProblem): ParsedCatalogLink => ({
    ok: false,
    problem,
    reason: REASONS[problem],
  });
  if (!isCatalogLinkText(text) || text.length > MAX_LINK_LENGTH) {
    return refuse('not-a-catalog-link');
  }
  const query = text.slice(CATALOG_LINK_PREFIX.length);
  if (!query.startsWith('?')) return refuse('not-a-catalog-link');
  let params: URLSearchParams;
  try {
    decodeURIComponent(query);
    params = new URLSearchParams(query.slice(1));
  } catch {
    return refuse('not-a-catalog-link');
  }
  // two keys would leave it open which one the user trusted
  const keys = params.getAll('pk');
  if (keys.length !== 1) return refuse('bad-key');
  const publicKey = (keys[0] ?? '').toLowerCase();
  if (!CATALOG_KEY.test(publicKey)) return refuse('bad-key');
  const link: CatalogLink = { publicKey };
  const mirrors = params.getAll('mirror');
  if (mirrors.length > 1) return refuse('bad-mirror');
  if (mirrors.length === 1) {
    const mirror = webUrl(mirrors[0] ?? '');
    if (mirror === undefined) return refuse('bad-mirror');
    link.mirror = mirror;
  }
  // a name is shown as plain text only; control characters are dropped, length capped
  const name = stripControls(params.get('dn') ?? '').slice(0, 300);
  if (name) link.name = name;
  return { ok: true, link };
}

export function formatCatalogLink(link: CatalogLink): string {
  const parts = [`pk=${link.publicKey}`];
  if (link.mirror) parts.push(`mirror=${encodeURIComponent(link.mirror)}`);
  if (link.name) parts.push(`dn=${encodeURIComponent(link.name)}`);
  return `${CATALOG_LINK_PREFIX}?${parts.join('&')}`;
}

const stripControls = (text: string): string =>
  [...text].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');

/** http(s) only, and no user name or password inside (they would leak into logs and lists). */
function webUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}
