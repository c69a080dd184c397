// Chooses how a file reaches the window, cheapest first: play it as is; remux and convert only
// the sound; transcode the picture last. Pure: probe facts + what the window decodes -> a path.
import type { AudioTrack, MediaCapabilities, MediaProblem } from '../../../shared/media.js';
import type { MediaProbe, ProbedVideo } from './media-probe.js';

export type PathChoice =
  | { mode: 'direct'; audioTrack?: number }
  | {
      mode: 'feed';
      video: 'copy' | 'h264' | 'none';
      audio: 'copy' | 'aac' | 'none';
      audioTrack?: number;
      /** for addSourceBuffer, e.g. video/mp4; codecs="avc1.64001f,mp4a.40.2" */
      mimeCodec: string;
      converts: 'nothing' | 'audio' | 'video' | 'both';
    }
  | { mode: 'unplayable'; problem: MediaProblem; detail: string; audioTrack?: number };

export interface ChooseInput {
  probe: MediaProbe;
  caps: MediaCapabilities;
  /** ffmpeg can run here */
  ffmpeg: boolean;
  /** the container, from the file's extension: matroska, webm, mp4, avi, mpegts... */
  container: string;
  /** the audio track the user picked, if any */
  audioTrack?: number;
}

/** What the x264 transcode writes (High profile, level 4.1). */
const TRANSCODED_AVC = 'avc1.640029';
const AAC = 'mp4a.40.2';
/** 8-bit 4:2:0: what every H.264 / HEVC Main decoder in a browser takes. */
const PLAIN_PIXELS = new Set(['yuv420p', 'yuvj420p']);

const ISO_639_2: Record<string, string> = {
  eng: 'en', fre: 'fr', fra: 'fr', ger: 'de', deu: 'de', spa: 'es', ita: 'it', por: 'pt',
  dut: 'nl', nld: 'nl', jpn: 'ja', rus: 'ru', pol: 'pl', cze: 'cs', ces: 'cs', chi: 'zh',
  zho: 'zh', kor: 'ko', swe: 'sv', dan: 'da', nor: 'no', fin: 'fi', hun: 'hu', tur: 'tr',
  ara: 'ar', gre: 'el', ell: 'el', heb: 'he', rum: 'ro', ron: 'ro', ukr: 'uk', hin: 'hi',
}; // prettier-ignore

/** "eng", "en", "en-US", "English" -> "en" (undefined when unknown). */
export function languageCode(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const l = language.toLowerCase();
  if (/^[a-z]{2}(-|$)/.test(l)) return l.slice(0, 2);
  if (ISO_639_2[l]) return ISO_639_2[l];
  const named: Record<string, string> = { english: 'en', french: 'fr', francais: 'fr', français: 'fr', german: 'de', spanish: 'es', italian: 'it' }; // prettier-ignore
  return named[l];
}

/** The user's language first, else the track the file marks as default, else the first. */
export function preferredAudioTrack(tracks: AudioTrack[], languages: string[]): number | undefined {
  if (tracks.length === 0) return undefined;
  for (const wanted of languages.map(languageCode)) {
    const match = tracks.find((t) => wanted && languageCode(t.language) === wanted);
    if (match) return match.id;
  }
  return (tracks.find((t) => t.default) ?? tracks[0])?.id;
}

export function avcCodecString(video: ProbedVideo): string {
  const profiles: Record<string, string> = {
    'constrained baseline': '42E0', baseline: '4200', main: '4D40', extended: '5800', high: '6400',
  }; // prettier-ignore
  const profile = profiles[(video.profile ?? 'high').toLowerCase()] ?? '6400';
  const level = video.level && video.level > 0 && video.level < 256 ? video.level : 41;
  return `avc1.${profile}${level.toString(16).padStart(2, '0')}`.toLowerCase();
}

export function hevcCodecString(video: ProbedVideo): string {
  const main10 = /10/.test(video.profile ?? '') || /10/.test(video.pixFmt ?? '');
  const level = video.level && video.level > 0 ? video.level : 120;
  return main10 ? `hvc1.2.4.L${level}.B0` : `hvc1.1.6.L${level}.B0`;
}

const plainPixels = (v: ProbedVideo) => v.pixFmt === undefined || PLAIN_PIXELS.has(v.pixFmt);

export function choosePath(input: ChooseInput): PathChoice {
  const { probe, caps } = input;
  const track =
    input.audioTrack !== undefined && probe.audio.some((t) => t.id === input.audioTrack)
      ? input.audioTrack
      : preferredAudioTrack(probe.audio, caps.languages);
  const audio = probe.audio.find((t) => t.id === track);
  const video = probe.video;
  const keep = track !== undefined ? { audioTrack: track } : {};
  if (!video && !audio) {
    return {
      mode: 'unplayable',
      problem: 'unreadable',
      detail: 'no picture or sound found',
      ...keep,
    };
  }

  // 1. as is: the <video> plays the container, the picture and the first sound track itself
  const directVideo =
    !video ||
    (caps.directVideo.includes(video.codec) && (video.codec !== 'h264' || plainPixels(video)));
  const directAudio = !audio || (audio.id === 0 && caps.directAudio.includes(audio.codec));
  if (caps.directContainers.includes(input.container) && directVideo && directAudio) {
    return { mode: 'direct', ...keep };
  }

  // 2. remux into fragmented MP4, converting only what the window cannot decode
  let videoWay: 'copy' | 'h264' | 'none' = 'none';
  let videoCodec: string | undefined;
  if (video) {
    if (video.codec === 'h264' && caps.mseVideo.includes('h264') && plainPixels(video)) {
      videoWay = 'copy';
      videoCodec = avcCodecString(video);
    } else if (video.codec === 'hevc' && caps.mseVideo.includes('hevc')) {
      videoWay = 'copy';
      videoCodec = hevcCodecString(video);
    } else if (caps.mseVideo.includes('h264')) {
      videoWay = 'h264';
      videoCodec = TRANSCODED_AVC;
    } else {
      return {
        mode: 'unplayable',
        problem: 'unsupported',
        detail: `cannot show ${video.codec} video`,
        ...keep,
      };
    }
  }
  let audioWay: 'copy' | 'aac' | 'none' = 'none';
  if (audio) {
    if (!caps.mseAudio.includes('aac')) {
      return {
        mode: 'unplayable',
        problem: 'unsupported',
        detail: `cannot play ${audio.codec} sound`,
        ...keep,
      };
    }
    audioWay = audio.codec === 'aac' ? 'copy' : 'aac';
  }
  const convertsVideo = videoWay === 'h264';
  const convertsAudio = audioWay === 'aac';
  if (!input.ffmpeg) {
    const what = [
      convertsVideo && `${video?.codec} video`,
      convertsAudio && `${audio?.codec} sound`,
    ]
      .filter(Boolean)
      .join(' and ');
    return { mode: 'unplayable', problem: 'ffmpeg-missing', detail: what || 'remuxing', ...keep };
  }
  const codecs = [videoCodec, audioWay !== 'none' ? AAC : undefined].filter(Boolean).join(',');
  return {
    mode: 'feed',
    video: videoWay,
    audio: audioWay,
    mimeCodec: `${video ? 'video' : 'audio'}/mp4; codecs="${codecs}"`,
    converts:
      convertsVideo && convertsAudio
        ? 'both'
        : convertsVideo
          ? 'video'
          : convertsAudio
            ? 'audio'
            : 'nothing',
    ...keep,
  };
}
