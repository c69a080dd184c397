// HTTP probes run from inside the viewer host (where the contenders' local servers listen):
// the wall-clock time of the first byte of a URL, and waiting until a URL answers with media.
// It only requests the URLs the benchmark gives it. Exits with its parent.
import { request } from 'node:http';

function firstByte(url: string): Promise<{ status: number; at: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Range: 'bytes=0-' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300) {
        res.resume();
        return resolve({ status, at: Date.now() });
      }
      res.once('data', () => {
        resolve({ status, at: Date.now() });
        res.destroy();
      });
      res.once('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error('no answer in time')));
    req.once('error', reject);
    req.end();
  });
}

/** Asks until the URL serves media (servers answer 404 until they know the torrent). */
async function firstMediaByte(url: string, deadline: number): Promise<number> {
  for (;;) {
    const answer = await firstByte(url).catch(() => ({ status: 0, at: Date.now() }));
    if (answer.status >= 200 && answer.status < 300) return answer.at;
    if (Date.now() > deadline)
      throw new Error(`${url} never served media (last status ${answer.status})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

process.send?.({ type: 'ready' });
process.on('message', (raw) => {
  const msg = raw as { type: string; id: number; url: string; timeoutMs: number };
  if (msg.type === 'first-byte') {
    firstMediaByte(msg.url, Date.now() + msg.timeoutMs).then(
      (at) => process.send?.({ type: 'first-byte', id: msg.id, at }),
      (err: unknown) => process.send?.({ type: 'first-byte', id: msg.id, error: String(err) }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
