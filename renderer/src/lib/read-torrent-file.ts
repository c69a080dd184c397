// Reads a user-chosen .torrent file into the contract's `file` source. The size cap mirrors the
// contract's base64 limit (8 MiB of text = 6 MiB of file) so oversize files fail here, clearly.
import type { TorrentSource } from '../../../shared/domain';

const MAX_BASE64_CHARS = 8 * 1024 * 1024;
export const MAX_TORRENT_BYTES = Math.floor((MAX_BASE64_CHARS / 4) * 3);

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
