// Commands on the <video> element. The element is the source of truth for playback state,
// so components ask it to change here and learn the result from its media events.

export function togglePlay(video: HTMLVideoElement): void {
  if (!video.currentSrc) return;
  // play() is refused when the browser wants a gesture first; the Play button covers that case
  if (video.paused) video.play().catch(() => {});
  else video.pause();
}

export function seekTo(video: HTMLVideoElement, seconds: number): void {
  if (!Number.isFinite(video.duration)) return;
  video.currentTime = Math.min(Math.max(0, seconds), video.duration);
}

export function seekBy(video: HTMLVideoElement, delta: number): void {
  seekTo(video, video.currentTime + delta);
}

export function setVolume(video: HTMLVideoElement, volume: number): void {
  video.volume = Math.min(1, Math.max(0, volume));
  video.muted = video.volume === 0;
}

export function volumeBy(video: HTMLVideoElement, delta: number): void {
  setVolume(video, (video.muted ? 0 : video.volume) + delta);
}

export function toggleMute(video: HTMLVideoElement): void {
  // unmuting at zero volume would stay silent, so it comes back at a sensible level
  if (video.muted && video.volume === 0) video.volume = 0.5;
  video.muted = !video.muted;
}

/** Jumps to the resume point (if any), then starts playing. */
export function startAt(video: HTMLVideoElement, seconds: number): void {
  if (seconds > 0) video.currentTime = seconds;
  video.play().catch(() => {});
}
