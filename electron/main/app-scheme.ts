// The app:// scheme the window loads from: only GET, only the built window's own files, always
// with the CSP header. Pure request -> response (no electron import) so it is tested directly.
import { readFile } from 'node:fs/promises';
import { findStaticFile } from '../host/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'essaim';
/** What every page URL of the window starts with. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // Node gives custom schemes an opaque ("null") origin, so compare scheme and host instead.
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.port === ''
    );
  } catch {
    return false;
  }
}

export async function appSchemeResponse(
  request: Request,
  rendererDir: string,
  csp: string,
): Promise<Response> {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const plain = (status: number, text: string) =>
    new Response(text, {
      status,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  if (request.method !== 'GET') return plain(405, 'Only reading is allowed here.');
  if (!isAppUrl(request.url)) return plain(404, 'Not found.');
  const file = await findStaticFile(rendererDir, new URL(request.url).pathname);
  if (file === null) return plain(404, 'Not found.');
  const body = await readFile(file.path);
  return new Response(body, {
    status: 200,
    headers: { ...headers, 'Content-Type': file.contentType },
  });
}
