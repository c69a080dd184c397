// Finds the built window's files (dist/renderer) for a URL path, safely: only regular files inside
// that folder, after decoding and resolving links. Never lists folders and never follows a path out.
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  // the ASS subtitle renderer's WebAssembly (streaming compilation needs this type)
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

/**
 * Maps a URL pathname (still percent-encoded) to a file under `root`, or null when there is none
 * or the path tries to leave the folder. `/` means index.html.
 */
export async function findStaticFile(
  root: string,
  urlPathname: string,
): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  // NUL bytes and backslashes have no business in our own file names; refusing them closes
  // the Windows-separator and truncated-path tricks at once.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootReal = await realpath(root).catch(() => null);
  if (rootReal === null) return null;
  const candidate = resolve(rootReal, relative);
  if (!isInside(rootReal, candidate)) return null;
  // A link inside the folder could still point outside it: check where it really lands.
  const real = await realpath(candidate).catch(() => null);
  if (real === null || !isInside(rootReal, real)) return null;
  const info = await stat(real).catch(() => null);
  if (info === null || !info.isFile()) return null;
  return { path: real, size: info.size, contentType: contentTypeFor(real) };
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
