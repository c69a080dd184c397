// The <video> element's error codes as translation keys for plain-words messages.
export function mediaErrorKey(code: number): string {
  switch (code) {
    case 1:
      return 'player.mediaErrors.aborted';
    case 2:
      return 'player.mediaErrors.network';
    case 3:
      return 'player.mediaErrors.decode';
    default:
      return 'player.mediaErrors.format';
  }
}
