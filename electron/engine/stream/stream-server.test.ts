// Range handling, HEAD, waiting for metadata and abort behaviour of the stream server, over real HTTP.
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createStreamServer,
  mimeTypeFor,
  type StreamServer,
  type StreamTarget,
} from './stream-server.js';
import { memoryTarget, rawRequest, stallingTarget } from '../test-support/stream-helpers.js';

const servers: StreamServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(
  targets: Record<string, StreamTarget>,
  extra: { metadataTimeoutMs?: number } = {},
) {
  const starts: [string, number][] = [];
  const server = await createStreamServer({
    resolve: async (id) => targets[id],
    allowedOrigins: ['http://127.0.0.1:5000'],
    onRangeRequest: (id, start) => starts.push([id, start]),
    ...extra,
  });
  servers.push(server);
  const pathFor = (id: string, name = 'film.mp4') => new URL(server.urlFor(id, name)).pathname;
  return { server, starts, pathFor };
}

describe('stream server ranges', () => {
  it('serves the whole file with 200 and the right headers', async () => {
    const { data, target } = memoryTarget(1000);
    const { server, pathFor } = await serve({ s1: target });
    const res = await rawRequest(server.origin, pathFor('s1'));
    expect(res.status).toBe(200);
    expect(res.body.equals(data)).toBe(true);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    ['bytes=0-0', 0, 0],
    ['bytes=999-999', 999, 999],
    ['bytes=-100', 900, 999],
    ['bytes=500-', 500, 999],
    ['bytes=10-2000', 10, 999],
    ['bytes=100-199', 100, 199],
  ])('answers %s with 206 and exact bytes', async (range, start, end) => {
    const { data, target } = memoryTarget(1000);
    const { server, pathFor, starts } = await serve({ s1: target });
    const res = await rawRequest(server.origin, pathFor('s1'), { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.body.equals(data.subarray(start, end + 1))).toBe(true);
    expect(starts).toEqual([['s1', start]]);
  });

  it('answers 416 with the length when the start is beyond the end', async () => {
    const { target } = memoryTarget(1000);
    const { server, pathFor } = await serve({ s1: target });
    const res = await rawRequest(server.origin, pathFor('s1'), {
      headers: { range: 'bytes=1000-' },
    });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */1000');
  });

  it('serves only the first range of a multi-range request, as a single part', async () => {
    const { data, target } = memoryTarget(1000);
    const { server, pathFor } = await serve({ s1: target });
    const res = await rawRequest(server.origin, pathFor('s1'), {
      headers: { range: 'bytes=0-9,500-509' },
    });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 0-9/1000');
    expect(res.body.equals(data.subarray(0, 10))).toBe(true);
  });

  it('ignores a Range header it cannot parse and sends everything', async () => {
    const { data, target } = memoryTarget(300);
    const { server, pathFor } = await serve({ s1: target });
    const res = await rawRequest(server.origin, pathFor('s1'), { headers: { range: 'garbage' } });
    expect(res.status).toBe(200);
    expect(res.body.equals(data)).toBe(true);
    // a bytes range with no valid part is unsatisfiable, not ignored
    const bad = await rawRequest(server.origin, pathFor('s1'), { headers: { range: 'bytes=abc' } });
    expect(bad.status).toBe(416);
  });

  it('answers HEAD with headers only and opens no stream', async () => {
    const { target, opened } = memoryTarget(1000, 'clip.webm');
    const { server, pathFor } = await serve({ s1: target });
    const res = await rawRequest(server.origin, pathFor('s1', 'clip.webm'), {
      method: 'HEAD',
      headers: { range: 'bytes=10-19' },
    });
    expect(res.status).toBe(206);
    expect(res.headers['content-length']).toBe('10');
    expect(res.headers['content-type']).toBe('video/webm');
    expect(res.body.length).toBe(0);
    expect(opened).toHaveLength(0);
  });

  it('knows the usual video types', () => {
    expect(mimeTypeFor('a.MKV')).toBe('video/x-matroska');
    expect(mimeTypeFor('a.exe')).toBe('application/octet-stream');
  });
});

describe('stream server before the metadata', () => {
  it('holds a request until the target is known, then sends the bytes', async () => {
    const { data, target } = memoryTarget(500);
    let release: (t: StreamTarget) => void = () => {};
    const later = new Promise<StreamTarget>((r) => (release = r));
    const server = await createStreamServer({ resolve: () => later, allowedOrigins: [] });
    servers.push(server);
    const pending = rawRequest(server.origin, new URL(server.urlFor('s1', 'a.mp4')).pathname, {
      headers: { range: 'bytes=100-' },
    });
    let answered = false;
    void pending.then(() => (answered = true));
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    release(target);
    const res = await pending;
    expect(res.status).toBe(206);
    expect(res.body.equals(data.subarray(100))).toBe(true);
  });

  it('answers 503 with Retry-After when the target never comes', async () => {
    const server = await createStreamServer({
      resolve: () => new Promise(() => {}),
      allowedOrigins: [],
      metadataTimeoutMs: 200,
    });
    servers.push(server);
    const res = await rawRequest(server.origin, new URL(server.urlFor('s1', 'a.mp4')).pathname);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('answers 404 without details for an unknown session', async () => {
    const { server, pathFor } = await serve({});
    const res = await rawRequest(server.origin, pathFor('nope'));
    expect(res.status).toBe(404);
    expect(res.body.toString()).toBe('404\n');
  });
});

describe('stream server aborts', () => {
  it('destroys the source stream when the viewer goes away mid-body', async () => {
    const { target, closed } = stallingTarget(1_000_000);
    const { server, pathFor } = await serve({ s1: target });
    const url = new URL(server.origin);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: pathFor('s1', 'live.webm'),
          headers: { host: url.host },
        },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => {});
      req.once('error', reject);
      req.end();
    });
    await closed;
  });

  it('cuts the connection when the source ends short of the Content-Length', async () => {
    const short: StreamTarget = {
      length: 1000,
      name: 'film.mp4',
      // a read that stops quietly halfway, as a disk fault under the torrent library does
      createReadStream: () => Readable.from([Buffer.alloc(300, 7)]),
    };
    const { server, pathFor } = await serve({ s1: short });
    // a kept-alive connection, as the player's: only a cut connection tells it the body is over
    const agent = new Agent({ keepAlive: true });
    const res = await partialRequest(server.origin, pathFor('s1'), { agent });
    agent.destroy();
    expect(res.complete).toBe(false);
    expect(res.body.length).toBeLessThan(1000);
  });

  it('never sends more than the Content-Length, whatever the source hands over', async () => {
    const { data, target } = memoryTarget(1000);
    const generous: StreamTarget = {
      ...target,
      // a source that ignores the range end, as the torrent library's reader did for `end` 0
      createReadStream: ({ start }) => target.createReadStream({ start, end: 999 }),
    };
    const { server, pathFor } = await serve({ s1: generous });
    for (const range of ['bytes=0-0', 'bytes=10-19']) {
      const res = await partialRequest(server.origin, pathFor('s1'), { range });
      const [start, end] = range.slice(6).split('-').map(Number) as [number, number];
      expect(res.complete).toBe(true);
      expect(res.body.equals(data.subarray(start, end + 1))).toBe(true);
      expect(res.trailingGarbage).toBe(false);
    }
  });
});

/**
 * One request on its own connection: what came, whether it ended cleanly, and whether anything
 * followed the body on the connection (which would corrupt the next response).
 */
function partialRequest(
  origin: string,
  path: string,
  opts: { range?: string; agent?: Agent } = {},
) {
  const url = new URL(origin);
  return new Promise<{ body: Buffer; complete: boolean; trailingGarbage: boolean }>((resolve) => {
    const chunks: Buffer[] = [];
    let complete = false;
    let trailingGarbage = false;
    const done = () => resolve({ body: Buffer.concat(chunks), complete, trailingGarbage });
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        agent: opts.agent ?? false,
        headers: { host: url.host, ...(opts.range ? { range: opts.range } : {}) },
      },
      (res) => {
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (complete = !res.aborted));
        res.on('error', () => {});
      },
    );
    req.on('error', (err) => {
      // bytes beyond the body reach the parser as the start of a next response
      if (/Parse Error/.test(err.message)) trailingGarbage = true;
    });
    // without an agent the connection closes after the response, so this sees everything
    req.on('close', () => setImmediate(done));
    req.end();
  });
}
