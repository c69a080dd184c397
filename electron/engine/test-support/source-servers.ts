// Test helpers: real HTTP servers on 127.0.0.1 whose answers a test can change between requests,
// and temporary folders, all cleaned up after each test.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Cleanup = () => Promise<void>;

export async function tempDir(cleanups: Cleanup[], prefix = 'essaim-sources-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function serve(
  cleanups: Cleanup[],
  respond: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ origin: string; requests: () => number; close: Cleanup }> {
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  cleanups.push(close);
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests: () => count, close };
}

export const sendJson = (res: ServerResponse, body: unknown): void => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

export const MAGNET =
  'magnet:?xt=urn:btih:dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c&dn=Big+Buck+Bunny';

export const film = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'film',
  name: `Film ${id}`,
  source: MAGNET,
  ...extra,
});

export const essaimCatalog = (name: string, titles: unknown[], channels: unknown[] = []) => ({
  format: 'essaim-catalog',
  version: 1,
  name,
  titles,
  channels,
});
