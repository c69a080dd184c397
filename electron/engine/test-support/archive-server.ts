// A loopback stand-in for the Internet Archive, for tests: answers advancedsearch with a recorded
// answer, and serves one item's files and its real _archive.torrent whose web seed is this server.
// No tracker, no peer: what plays from it plays from the web seed alone.
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

type CreateTorrent = (
  input: string,
  opts: Record<string, unknown>,
  cb: (err: Error | null, torrent: Uint8Array) => void,
) => void;

export interface ArchiveServer {
  base: string;
  identifier: string;
  fileName: string;
  filmBytes: Buffer;
  torrentBytes: Uint8Array;
  /** every path asked, in order (query strings kept) */
  requests: string[];
  /** byte ranges asked of the film file: the web seed at work */
  filmRangeRequests(): number;
  close(): Promise<void>;
}

const ANSWER = new URL(
  '../catalog/sources/internet-archive/test-fixtures/advancedsearch-feature-films.json',
  import.meta.url,
);

export async function startArchiveServer(opts: {
  dir: string;
  videoPath: string;
  /** the item the recorded answer lists first, served with its files */
  identifier: string;
}): Promise<ArchiveServer> {
  const { identifier } = opts;
  const itemDir = join(opts.dir, 'archive-items', identifier);
  await mkdir(itemDir, { recursive: true });
  const fileName = `${identifier}.mp4`;
  await copyFile(opts.videoPath, join(itemDir, fileName));
  // the Archive's torrents carry the item's metadata file beside the media
  await writeFile(
    join(itemDir, `${identifier}_meta.xml`),
    `<metadata><identifier>${identifier}</identifier></metadata>\n`,
  );
  const answer = await readFile(ANSWER);
  const requests: string[] = [];
  let ranges = 0;
  let torrentBytes: Uint8Array = new Uint8Array(0);

  const server: Server = createServer((req, res) => {
    const raw = req.url ?? '/';
    requests.push(raw);
    const path = decodeURIComponent(raw.split('?')[0] ?? '/').replace(/\/{2,}/g, '/');
    if (path === '/advancedsearch.php') {
      res.setHeader('Content-Type', 'application/json');
      res.end(answer);
      return;
    }
    if (path === `/download/${identifier}/${identifier}_archive.torrent`) {
      res.setHeader('Content-Type', 'application/x-bittorrent');
      res.end(torrentBytes);
      return;
    }
    const file = /^\/download\/([^/]+)\/([^/]+)$/.exec(path);
    if (!file || file[1] !== identifier) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const target = join(itemDir, file[2] ?? '');
    void stat(target).then(
      (info) => {
        const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
        if (file[2] === fileName && range) ranges += 1;
        const start = range ? Number(range[1]) : 0;
        const end = range && range[2] !== '' ? Number(range[2]) : info.size - 1;
        res.statusCode = range ? 206 : 200;
        if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${info.size}`);
        res.setHeader('Content-Length', String(end - start + 1));
        createReadStream(target, { start, end }).pipe(res);
      },
      () => {
        res.statusCode = 404;
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // the package ships no types: loaded by name, typed by what this helper uses
  const name = 'create-torrent';
  const createTorrent = ((await import(name)) as { default: CreateTorrent }).default;
  torrentBytes = await new Promise<Uint8Array>((resolve, reject) =>
    createTorrent(
      itemDir,
      // like the Archive's own: named after the item, web seed = the download folder, and here
      // no tracker at all, so no peer can ever be found
      { announceList: [], urlList: [`${base}/download/`], pieceLength: 16 * 1024 },
      (err, torrent) => (err ? reject(err) : resolve(torrent)),
    ),
  );

  return {
    base,
    identifier,
    fileName,
    filmBytes: await readFile(opts.videoPath),
    torrentBytes,
    requests,
    filmRangeRequests: () => ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
