// The ffmpeg command lines: fragmented MP4 for Media Source Extensions (copy or convert, started
// at a time) and one embedded subtitle track as WebVTT. Pure; nothing here runs a program.

export interface FeedSpec {
  url: string;
  startSeconds: number;
  video: 'copy' | 'h264' | 'none';
  audio: 'copy' | 'aac' | 'none';
  audioTrack?: number;
  /** the copied video is HEVC: tag it hvc1, the form browsers take in MP4 */
  hevc?: boolean;
  /** where the file's clock starts: the feed's clock is moved back so the film starts at 0 */
  clockStart?: number;
}

/** Puts the output on the player's clock (0 = the film's start) when the file's starts later. */
function toPlayerClock(clockStart: number | undefined): string[] {
  return clockStart && clockStart > 0 ? ['-output_ts_offset', (-clockStart).toFixed(6)] : [];
}

/** A stalled swarm may hold a read this long before ffmpeg gives up (microseconds). */
const READ_TIMEOUT_US = String(300 * 1_000_000);

function startAt(seconds: number): string[] {
  // -copyts keeps the film's own clock, so a restarted feed lands at its place in the buffer
  return seconds > 0 ? ['-ss', seconds.toFixed(3), '-noaccurate_seek'] : [];
}

export function feedArgs(spec: FeedSpec): string[] {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rw_timeout', READ_TIMEOUT_US];
  args.push(...startAt(spec.startSeconds), '-copyts', '-i', spec.url);
  if (spec.video !== 'none') args.push('-map', '0:v:0');
  if (spec.audio !== 'none') args.push('-map', `0:a:${spec.audioTrack ?? 0}`);
  if (spec.video === 'copy') {
    args.push('-c:v', 'copy', ...(spec.hevc ? ['-tag:v', 'hvc1'] : []));
  } else if (spec.video === 'h264') {
    // veryfast keeps 720p above real time on two cores; the level matches the codec string sent
    args.push(
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-maxrate', '8M', '-bufsize', '16M',
      '-pix_fmt', 'yuv420p', '-profile:v', 'high', '-level', '4.1',
      // keyframes every 2 s: a seek inside the buffer finds a picture to start from
      '-force_key_frames', 'expr:gte(t,n_forced*2)',
    ); // prettier-ignore
  }
  if (spec.audio === 'copy') args.push('-c:a', 'copy');
  else if (spec.audio === 'aac') args.push('-c:a', 'aac', '-ac', '2', '-b:a', '160k');
  args.push(...toPlayerClock(spec.clockStart));
  args.push(
    '-sn', '-dn', '-f', 'mp4',
    // fragments of one second at most: the picture starts without waiting for a whole GOP;
    // frag_discont keeps absolute fragment times after a restart at a later -ss
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof+frag_discont+delay_moov',
    '-frag_duration', '1000000',
    'pipe:1',
  ); // prettier-ignore
  return args;
}

/** One embedded text subtitle track as WebVTT, from `startSeconds` on the film's clock. */
export function subtitleArgs(
  url: string,
  index: number,
  startSeconds: number,
  clockStart?: number,
  as: 'webvtt' | 'ass' = 'webvtt',
): string[] {
  // ASS stays ASS (styles, positions and override tags kept) for the window's ASS renderer
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-rw_timeout', READ_TIMEOUT_US,
    ...(startSeconds > 0 ? ['-ss', startSeconds.toFixed(3)] : []),
    '-copyts', '-i', url,
    '-map', `0:s:${index}`, '-c:s', as, ...toPlayerClock(clockStart),
    '-f', as, '-flush_packets', '1', 'pipe:1',
  ]; // prettier-ignore
}
