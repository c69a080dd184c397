// Where Essaim keeps its state: --data-dir, else the per-user folder of each system. Both hosts
// (the desktop app and headless mode) use this, so they share one folder. Pure: never creates
// folders or reads the environment by itself.
import { join, resolve } from 'node:path';

export interface PlatformFacts {
  platform: NodeJS.Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The usual per-user application-data folder of each system. */
export function defaultDataDir({ platform, home, env }: PlatformFacts): string {
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Essaim');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Essaim');
  // Linux and the other Unixes follow the XDG base directory convention.
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'essaim');
}

/**
 * The data folder of this run, absolute: the one lock, the one library. A relative --data-dir is
 * taken from the folder the app was started in.
 */
export function resolveDataDir(
  given: string | undefined,
  facts: PlatformFacts & { cwd: string },
): string {
  return given === undefined ? defaultDataDir(facts) : resolve(facts.cwd, given);
}
