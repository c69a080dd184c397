// What the player should say right now, derived from the engine's session and the video's own
// state: an error, a start-up step ("Finding peers…", "Buffering 37%"), or nothing.
import { errorDetail, errorKey } from '../../lib/error-messages';
import type { Playback } from '../../store/app-store';
import { mediaErrorKey } from './media-error';
import type { VideoState } from './use-video-state';

export type PlayerStatus =
  | { kind: 'error'; message: string | null; key: string | null; canRetry: boolean }
  | { kind: 'progress'; key: string; percent?: number }
  | { kind: 'press-play' }
  | { kind: 'none' };

/** `sentence` translates a key, so a failed command's detail is shown only when it adds to it. */
export function playerStatus(
  playback: Playback,
  video: VideoState,
  sentence: (key: string) => string,
): PlayerStatus {
  const session = playback.session;
  if (playback.error) {
    const key = errorKey(playback.error.code);
    const message = errorDetail(playback.error, sentence(key));
    return { kind: 'error', message, key, canRetry: false };
  }
  if (session?.phase === 'error') {
    return {
      kind: 'error',
      message: session.errorMessage ?? null,
      key: 'player.sessionFailed',
      canRetry: false,
    };
  }
  if (video.errorCode !== null)
    return { kind: 'error', message: null, key: mediaErrorKey(video.errorCode), canRetry: true };
  if (!session) return { kind: 'progress', key: 'player.opening' };

  const buffering = session.phase === 'buffering' ? Math.round(session.bufferPercent) : undefined;
  if (!video.started) {
    if (session.phase === 'finding-peers') return { kind: 'progress', key: 'player.findingPeers' };
    if (session.phase === 'fetching-metadata')
      return { kind: 'progress', key: 'player.fetchingMetadata' };
    if (buffering !== undefined)
      return { kind: 'progress', key: 'player.bufferingPercent', percent: buffering };
    if (video.canPlay && video.paused && !video.waiting) return { kind: 'press-play' };
    return { kind: 'progress', key: 'player.startingPlayback' };
  }
  if (video.waiting) {
    return buffering !== undefined
      ? { kind: 'progress', key: 'player.bufferingPercent', percent: buffering }
      : { kind: 'progress', key: 'player.buffering' };
  }
  return { kind: 'none' };
}
