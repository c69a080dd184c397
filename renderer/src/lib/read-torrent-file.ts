// Reads a user-chosen .torrent file into the contract's `file` source. The size cap is the
// contract's own, so an oversize file fails here, clearly, before crossing to the engine.
import { MAX_TORRENT_FILE_BYTES, type TorrentSource } from '../../../shared/domain';

export const MAX_TORRENT_BYTES = MAX_TORRENT_FILE_BYTES;

export type TorrentFileResult =
  | { ok: true; source: TorrentSource }
  | { ok: false; reason: 'not-torrent' | 'too-big' | 'unreadable' };

export async function readTorrentFile(file: File): Promise<TorrentFileResult> {
  if (!/\.torrent$/i.test(file.name)) return { ok: false, reason: 'not-torrent' };
  if (file.size > MAX_TORRENT_BYTES) return { ok: false, reason: 'too-big' };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { ok: true, source: { kind: 'file', name: file.name, base64: toBase64(bytes) } };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // chunks keep String.fromCharCode under the engine's argument limit
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
