import { describe, expect, it } from 'vitest';
import { MAX_SUBTITLE_BYTES, sidecarSubtitles } from './sidecar-subtitles.js';

const f = (index: number, path: string, length = 1000) => ({ index, path, length });

describe('subtitle files in the torrent', () => {
  it('matches files beside the video and in its Subs folder, with their language', () => {
    const files = [
      f(0, 'Film/Film.2026.mkv', 1e9),
      f(1, 'Film/Film.2026.en.srt'),
      f(2, 'Film/Film.2026.French.srt'),
      f(3, 'Film/Subs/2_Deutsch.ass'),
      f(4, 'Film/Subs/Film.2026/3_spa.vtt'),
      f(5, 'Film/Film.2026.nfo'),
      f(6, 'Film/huge.srt', MAX_SUBTITLE_BYTES + 1),
    ];
    expect(sidecarSubtitles(files, 0, 1)).toEqual([
      { index: 1, format: 'srt', language: 'en', title: 'Film.2026.en.srt' },
      { index: 2, format: 'srt', language: 'fr', title: 'Film.2026.French.srt' },
      { index: 3, format: 'ass', title: '2_Deutsch.ass' },
      { index: 4, format: 'vtt', language: 'es', title: '3_spa.vtt' },
    ]);
  });

  it("in a season pack, takes only the episode's own subtitles", () => {
    const files = [
      f(0, 'Show/S01E01.mkv', 1e9),
      f(1, 'Show/S01E02.mkv', 1e9),
      f(2, 'Show/S01E01.fre.srt'),
      f(3, 'Show/S01E02.fre.srt'),
      f(4, 'Show/Subs/S01E02/English.srt'),
    ];
    expect(sidecarSubtitles(files, 1, 2).map((s) => s.index)).toEqual([3, 4]);
  });
});
