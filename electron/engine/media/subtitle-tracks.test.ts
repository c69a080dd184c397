import { describe, expect, it } from 'vitest';
import { subtitleTracks } from './subtitle-tracks.js';

const url = (id: string) => `http://127.0.0.1:1/t/subs/s/${id}`;

describe('the subtitle list', () => {
  it('offers text tracks, lists picture tracks as not supported yet, then files beside the film', () => {
    const list = subtitleTracks(
      [
        { index: 0, codec: 'subrip', language: 'eng', default: true, forced: false },
        {
          index: 1,
          codec: 'hdmv_pgs_subtitle',
          language: 'fre',
          title: 'Forcés',
          default: false,
          forced: true,
        },
        { index: 2, codec: 'dvd_subtitle', default: false, forced: false },
        { index: 3, codec: 'ass', default: false, forced: false },
      ],
      [{ index: 7, format: 'srt', language: 'de', title: 'Film.de.srt' }],
      true,
      url,
    );
    expect(list.map((t) => [t.id, t.format, t.supported, t.url !== undefined])).toEqual([
      ['e0', 'srt', true, true],
      ['e1', 'pgs', false, false],
      ['e2', 'vobsub', false, false],
      ['e3', 'ass', true, true],
      ['f7', 'srt', true, true],
    ]);
    expect(list[1]).toMatchObject({ language: 'fre', title: 'Forcés', forced: true });
  });

  it('without ffmpeg, only subtitle files can be shown', () => {
    const list = subtitleTracks(
      [{ index: 0, codec: 'subrip', default: true, forced: false }],
      [{ index: 2, format: 'vtt', title: 'x.vtt' }],
      false,
      url,
    );
    expect(list.map((t) => t.supported)).toEqual([false, true]);
  });
});
