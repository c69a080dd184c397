// Picks the user's own arguments out of an Electron process's argv (first or second instance),
// dropping the executable, the app path and Chromium's switches. Never interprets them itself.
const OUR_FLAGS_WITH_VALUE = new Set(['--data-dir', '--catalog', '--host', '--port']);

/**
 * @param argv the full argv (process.argv or a second instance's)
 * @param isDefaultApp true when run as `electron <app path>` (development), where argv[1] is the app
 */
export function userArguments(argv: readonly string[], isDefaultApp: boolean): string[] {
  const rest = argv.slice(1);
  if (isDefaultApp) {
    // The app path is the first word that is not a switch: drivers and debuggers put their own
    // switches (--inspect=0 …) before it, so its index is not fixed.
    const appPath = rest.findIndex((arg) => !arg.startsWith('-'));
    if (appPath >= 0) rest.splice(appPath, 1);
  }
  const kept: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    const flag = arg.split('=', 1)[0] ?? '';
    if (OUR_FLAGS_WITH_VALUE.has(flag)) {
      kept.push(arg);
      const value = rest[i + 1];
      if (!arg.includes('=') && value !== undefined) {
        kept.push(value);
        i += 1;
      }
    } else if (!arg.startsWith('-')) {
      // Chromium adds its own --switches to a second instance's argv; only ours and the
      // positional argument (magnet, hash, .torrent) belong to the user.
      kept.push(arg);
    }
  }
  return kept;
}
