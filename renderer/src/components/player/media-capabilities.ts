// What this window decodes, asked of the browser itself (canPlayType for plain URLs,
// MediaSource.isTypeSupported for feeds), in the codec names the engine's probe uses.
import type { MediaCapabilities } from '../../../../shared/media';

const VIDEO: Record<string, string> = {
  h264: 'avc1.640029',
  hevc: 'hvc1.1.6.L93.B0',
  vp8: 'vp8',
  vp9: 'vp09.00.10.08',
  av1: 'av01.0.05M.08',
};
const AUDIO: Record<string, [container: string, codec: string]> = {
  aac: ['mp4', 'mp4a.40.2'],
  mp3: ['mp4', 'mp4a.6B'],
  opus: ['webm', 'opus'],
  vorbis: ['webm', 'vorbis'],
  flac: ['mp4', 'flac'],
  ac3: ['mp4', 'ac-3'],
  eac3: ['mp4', 'ec-3'],
  dts: ['mp4', 'dtsc'],
};
const CONTAINERS: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  matroska: 'video/x-matroska',
  ogg: 'video/ogg',
  avi: 'video/x-msvideo',
  mpegts: 'video/mp2t',
};

const mse = (type: string) =>
  typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(type);

export function mediaCapabilities(languages: readonly string[]): MediaCapabilities {
  const probe = document.createElement('video');
  const plays = (type: string) => probe.canPlayType(type) !== '';
  const videoType = (name: string) =>
    `video/${name === 'vp8' ? 'webm' : 'mp4'}; codecs="${VIDEO[name] ?? name}"`;
  const audioType = (name: string) => {
    const [container, codec] = AUDIO[name] ?? ['mp4', name];
    return `audio/${container}; codecs="${codec}"`;
  };
  return {
    directContainers: Object.keys(CONTAINERS).filter((c) => plays(CONTAINERS[c] ?? '')),
    directVideo: Object.keys(VIDEO).filter((v) => plays(videoType(v))),
    directAudio: Object.keys(AUDIO).filter((a) => plays(audioType(a))),
    mseVideo: Object.keys(VIDEO).filter((v) => mse(videoType(v))),
    mseAudio: Object.keys(AUDIO).filter((a) => mse(audioType(a))),
    languages: [...new Set(languages.map((l) => l.slice(0, 2).toLowerCase()))].slice(0, 20),
  };
}
