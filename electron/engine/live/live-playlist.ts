// Writes the local HLS playlist the window's player reads. It lists only segments already
// verified here, so the player never races the swarm for a segment still on its way.
export interface PlaylistEntry {
  /** position in this viewer's own playlist: increases by one per entry, never reused */
  seq: number;
  /** the channel's segment id (the file name the player asks for) */
  id: number;
  dur: number;
  /** a break in the media (the broadcaster restarted, or a segment could not be had) */
  discontinuity: boolean;
}

export function playlistText(
  entries: PlaylistEntry[],
  target: number,
  discontinuitiesBefore: number,
): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(target))}`,
    `#EXT-X-MEDIA-SEQUENCE:${entries[0]?.seq ?? 0}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitiesBefore}`,
  ];
  for (const e of entries) {
    if (e.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${e.dur.toFixed(3)},`, `segment/${e.id}.ts`);
  }
  return `${lines.join('\n')}\n`;
}
