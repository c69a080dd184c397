import { describe, expect, it } from 'vitest';
import type { MediaCapabilities } from '../../../shared/media.js';
import type { MediaProbe } from './media-probe.js';
import { parseProbe } from './media-probe.js';
import { avcCodecString, choosePath, preferredAudioTrack } from './play-path.js';

/** What Debian's Chromium reports: no AC3, no HEVC. */
const CHROMIUM: MediaCapabilities = {
  directContainers: ['mp4', 'webm', 'matroska'],
  directVideo: ['h264', 'vp8', 'vp9', 'av1'],
  directAudio: ['aac', 'mp3', 'opus', 'vorbis', 'flac'],
  mseVideo: ['h264', 'vp9', 'av1'],
  mseAudio: ['aac', 'mp3', 'opus', 'flac'],
  languages: ['en'],
};
/** A window with the platform's HEVC decoder (Electron on Windows or macOS). */
const WITH_HEVC: MediaCapabilities = {
  ...CHROMIUM,
  directVideo: [...CHROMIUM.directVideo, 'hevc'],
  mseVideo: [...CHROMIUM.mseVideo, 'hevc'],
};

const h264 = { codec: 'h264', profile: 'High', level: 31, pixFmt: 'yuv420p' };
const track = (id: number, codec: string, language?: string, isDefault = false) => ({
  id,
  codec,
  ...(language ? { language } : {}),
  default: isDefault,
});
const probe = (over: Partial<MediaProbe>): MediaProbe => ({
  formatName: 'matroska,webm',
  durationSeconds: 60,
  video: h264,
  audio: [track(0, 'aac')],
  subtitles: [],
  ...over,
});
const choose = (
  p: MediaProbe,
  caps = CHROMIUM,
  extra: { ffmpeg?: boolean; audioTrack?: number; container?: string } = {},
) =>
  choosePath({
    probe: p,
    caps,
    ffmpeg: extra.ffmpeg ?? true,
    container: extra.container ?? 'matroska',
    ...(extra.audioTrack !== undefined ? { audioTrack: extra.audioTrack } : {}),
  });

describe('choosing how a file plays', () => {
  it('plays H.264 + AAC as it is', () => {
    expect(choose(probe({}))).toEqual({ mode: 'direct', audioTrack: 0 });
  });

  it('converts only the sound of an H.264 + AC3 film', () => {
    expect(choose(probe({ audio: [track(0, 'ac3')] }))).toEqual({
      mode: 'feed',
      video: 'copy',
      audio: 'aac',
      audioTrack: 0,
      mimeCodec: 'video/mp4; codecs="avc1.64001f,mp4a.40.2"',
      converts: 'audio',
    });
  });

  it('transcodes HEVC where the window has no HEVC decoder, and copies it where it has one', () => {
    const hevc = probe({
      video: { codec: 'hevc', profile: 'Main', level: 93, pixFmt: 'yuv420p' },
      audio: [track(0, 'ac3')],
    });
    expect(choose(hevc)).toMatchObject({
      mode: 'feed',
      video: 'h264',
      audio: 'aac',
      converts: 'both',
    });
    expect(choose(hevc, WITH_HEVC)).toMatchObject({
      mode: 'feed',
      video: 'copy',
      mimeCodec: 'video/mp4; codecs="hvc1.1.6.L93.B0,mp4a.40.2"',
      converts: 'audio',
    });
    const hevcAac = probe({ video: { codec: 'hevc', profile: 'Main' }, audio: [track(0, 'aac')] });
    expect(choose(hevcAac, WITH_HEVC)).toEqual({ mode: 'direct', audioTrack: 0 });
  });

  it('transcodes 10-bit H.264 and MPEG-4 Part 2, which browsers do not decode', () => {
    expect(
      choose(probe({ video: { ...h264, profile: 'High 10', pixFmt: 'yuv420p10le' } })),
    ).toMatchObject({ video: 'h264', audio: 'copy', converts: 'video' });
    expect(
      choose(probe({ video: { codec: 'mpeg4' } }), CHROMIUM, { container: 'avi' }),
    ).toMatchObject({ video: 'h264' });
  });

  it('remuxes a container the window does not take, copying what it can decode', () => {
    expect(choose(probe({}), CHROMIUM, { container: 'avi' })).toMatchObject({
      mode: 'feed',
      video: 'copy',
      audio: 'copy',
      converts: 'nothing',
    });
  });

  it("chooses the track in the user's language first, then the default one", () => {
    const tracks = [track(0, 'aac', 'eng', true), track(1, 'ac3', 'fre')];
    expect(preferredAudioTrack(tracks, ['fr', 'en'])).toBe(1);
    expect(preferredAudioTrack(tracks, ['de'])).toBe(0);
    expect(preferredAudioTrack([track(0, 'aac'), track(1, 'aac', undefined, true)], [])).toBe(1);
    // a second track cannot be picked by a plain <video>: it goes through the feed
    expect(choose(probe({ audio: tracks }), { ...CHROMIUM, languages: ['fr'] })).toMatchObject({
      mode: 'feed',
      audio: 'aac',
      audioTrack: 1,
    });
    expect(choose(probe({ audio: tracks }), CHROMIUM, { audioTrack: 1 })).toMatchObject({
      mode: 'feed',
      audioTrack: 1,
    });
    expect(choose(probe({ audio: tracks }), CHROMIUM, { audioTrack: 0 })).toEqual({
      mode: 'direct',
      audioTrack: 0,
    });
  });

  it('says ffmpeg is missing only for files that need it', () => {
    expect(choose(probe({ audio: [track(0, 'dts')] }), CHROMIUM, { ffmpeg: false })).toEqual({
      mode: 'unplayable',
      problem: 'ffmpeg-missing',
      detail: 'dts sound',
      audioTrack: 0,
    });
    expect(choose(probe({}), CHROMIUM, { ffmpeg: false })).toMatchObject({ mode: 'direct' });
  });

  it('says when a file holds nothing to play, or nothing this window can show', () => {
    expect(choose(probe({ video: undefined, audio: [] }))).toMatchObject({
      mode: 'unplayable',
      problem: 'unreadable',
    });
    expect(
      choose(probe({ video: { codec: 'vp9' } }), { ...CHROMIUM, directVideo: [], mseVideo: [] }),
    ).toMatchObject({ problem: 'unsupported' });
  });

  it('builds the AVC codec string from the profile and level', () => {
    expect(avcCodecString({ codec: 'h264', profile: 'Main', level: 30 })).toBe('avc1.4d401e');
    expect(avcCodecString({ codec: 'h264', profile: 'Constrained Baseline', level: 13 })).toBe(
      'avc1.42e00d',
    );
  });
});

describe('reading ffprobe answers', () => {
  it('keeps tracks with language, title and flags, and skips cover art', () => {
    const parsed = parseProbe({
      format: { format_name: 'matroska,webm', duration: '180.005' },
      streams: [
        { codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } },
        {
          codec_type: 'video',
          codec_name: 'h264',
          profile: 'High',
          level: 31,
          width: 1280,
          height: 720,
          pix_fmt: 'yuv420p',
        },
        {
          codec_type: 'audio',
          codec_name: 'ac3',
          channels: 6,
          tags: { language: 'eng', title: 'English 5.1' },
          disposition: { default: 1 },
        },
        { codec_type: 'audio', codec_name: 'aac', channels: 2, tags: { language: 'und' } },
        {
          codec_type: 'subtitle',
          codec_name: 'subrip',
          tags: { language: 'fre' },
          disposition: { forced: 1 },
        },
        { codec_type: 'subtitle', codec_name: 'hdmv_pgs_subtitle' },
      ],
    });
    expect(parsed).toEqual({
      formatName: 'matroska,webm',
      durationSeconds: 180.005,
      video: {
        codec: 'h264',
        profile: 'High',
        level: 31,
        width: 1280,
        height: 720,
        pixFmt: 'yuv420p',
      },
      audio: [
        { id: 0, codec: 'ac3', channels: 6, language: 'eng', title: 'English 5.1', default: true },
        { id: 1, codec: 'aac', channels: 2, default: false },
      ],
      subtitles: [
        { index: 0, codec: 'subrip', language: 'fre', default: false, forced: true },
        { index: 1, codec: 'hdmv_pgs_subtitle', default: false, forced: false },
      ],
    });
  });

  it('keeps at most 100 tracks of each kind from a hostile file', () => {
    const many = Array.from({ length: 5000 }, () => ({ codec_type: 'audio', codec_name: 'aac' }));
    expect(parseProbe({ streams: many }).audio).toHaveLength(100);
  });

  it('survives an answer that is not what ffprobe writes', () => {
    expect(parseProbe(null)).toEqual({ formatName: '', audio: [], subtitles: [] });
    expect(parseProbe({ streams: 'x', format: { duration: 'NaN' } })).toEqual({
      formatName: '',
      audio: [],
      subtitles: [],
    });
  });
});
