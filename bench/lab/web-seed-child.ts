// A plain HTTP file server for one film (a BEP 19 web seed) on a lab host, with byte ranges.
// It serves that one file and nothing else, on the address it is given. Exits with its parent.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename } from 'node:path';
import parseRange from 'range-parser';

const { file, host } = JSON.parse(process.argv[2] ?? '{}') as { file: string; host: string };
const size = statSync(file).size;
const name = `/${encodeURIComponent(basename(file))}`;

const server = createServer((req, res) => {
  if (req.url !== name && req.url !== '/') return void res.writeHead(404).end();
  const ranges = req.headers.range ? parseRange(size, req.headers.range) : -2;
  if (ranges === -1 || (Array.isArray(ranges) && ranges.length !== 1)) {
    return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
  }
  const [start, end] = Array.isArray(ranges) ? [ranges[0]!.start, ranges[0]!.end] : [0, size - 1];
  res.writeHead(Array.isArray(ranges) ? 206 : 200, {
    'Accept-Ranges': 'bytes',
    'Content-Length': end - start + 1,
    ...(Array.isArray(ranges) ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file, { start, end }).pipe(res);
});
server.listen(0, host, () => {
  process.send?.({ type: 'ready', port: (server.address() as { port: number }).port });
});
process.on('disconnect', () => process.exit(0));
