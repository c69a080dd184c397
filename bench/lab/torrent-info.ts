// The info hash and file name of a .torrent the lab made (single-file torrents only).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import bencode from 'bencode';

export async function torrentInfo(path: string): Promise<{ infoHash: string; name: string }> {
  const torrent = bencode.decode(await readFile(path)) as { info: { name: Uint8Array } };
  const infoHash = createHash('sha1').update(bencode.encode(torrent.info)).digest('hex');
  return { infoHash, name: Buffer.from(torrent.info.name).toString('utf8') };
}
