// The subtitle list a player offers for one file: its own text tracks (converted by ffmpeg),
// its picture tracks (listed, not shown yet) and the subtitle files beside it in the torrent.
// Pure: probe facts and file names in, the list out.
import type { SubtitleTrack } from '../../../shared/media.js';
import type { ProbedSubtitle } from './media-probe.js';
import type { SidecarSubtitle } from './sidecar-subtitles.js';

const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'mov_text', 'text']);
const BITMAP_NAMES: Record<string, string> = {
  hdmv_pgs_subtitle: 'pgs',
  dvd_subtitle: 'vobsub',
  dvb_subtitle: 'dvb',
  xsub: 'xsub',
};

export function subtitleTracks(
  embedded: ProbedSubtitle[],
  sidecars: SidecarSubtitle[],
  ffmpeg: boolean,
  urlFor: (trackId: string) => string,
): SubtitleTrack[] {
  const tracks: SubtitleTrack[] = [];
  for (const s of embedded) {
    const text = TEXT_SUBTITLES.has(s.codec);
    const id = `e${s.index}`;
    // text tracks are converted to WebVTT by ffmpeg; picture tracks cannot be shown yet
    const supported = text && ffmpeg;
    tracks.push({
      id,
      source: 'embedded',
      format: text ? (s.codec === 'subrip' ? 'srt' : s.codec) : (BITMAP_NAMES[s.codec] ?? s.codec),
      ...(s.language ? { language: s.language } : {}),
      ...(s.title ? { title: s.title } : {}),
      default: s.default,
      forced: s.forced,
      supported,
      ...(supported ? { url: urlFor(id) } : {}),
    });
  }
  for (const side of sidecars) {
    const id = `f${side.index}`;
    tracks.push({
      id,
      source: 'torrent',
      format: side.format,
      ...(side.language ? { language: side.language } : {}),
      title: side.title,
      default: false,
      forced: false,
      supported: true,
      url: urlFor(id),
    });
  }
  return tracks;
}
