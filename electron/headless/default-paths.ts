// Where Essaim keeps its state when no --data-dir is given, per operating system (plain Node).
// Pure: computes a path only; never creates folders or reads the environment by itself.
import { join } from 'node:path';

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
