// Finds the ffmpeg and ffprobe programs: the user's setting, then the environment
// (ESSAIM_FFMPEG / ESSAIM_FFPROBE), then PATH, then the copy shipped with the installer.
// It only looks at files; it never downloads or runs anything.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface FfmpegTools {
  ffmpeg?: string;
  ffprobe?: string;
}

export interface LocateOptions {
  /** a folder holding both programs, or the ffmpeg program itself (from the settings) */
  setting?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** the installer's resources folder (Electron's process.resourcesPath), holding bin/ */
  resourcesDir?: string;
  platform?: NodeJS.Platform;
}

function isProgram(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function locateFfmpeg(opts: LocateOptions = {}): FfmpegTools {
  const env = opts.env ?? process.env;
  const exe = (opts.platform ?? process.platform) === 'win32' ? '.exe' : '';
  const find = (tool: 'ffmpeg' | 'ffprobe', envName: string): string | undefined => {
    const candidates: string[] = [];
    if (opts.setting) {
      // the setting names the folder, or one of the two programs (its sibling is beside it)
      const s = opts.setting.replace(/[\\/]+$/, '');
      candidates.push(join(s, tool + exe));
      if (/(^|[\\/])(ffmpeg|ffprobe)(\.exe)?$/i.test(s))
        candidates.push(join(dirname(s), tool + exe));
    }
    const fromEnv = env[envName];
    if (fromEnv) candidates.push(fromEnv);
    for (const dir of (env['PATH'] ?? env['Path'] ?? '').split(delimiter)) {
      if (dir) candidates.push(join(dir, tool + exe));
    }
    if (opts.resourcesDir) candidates.push(join(opts.resourcesDir, 'bin', tool + exe));
    return candidates.find(isProgram);
  };
  const ffmpeg = find('ffmpeg', 'ESSAIM_FFMPEG');
  const ffprobe = find('ffprobe', 'ESSAIM_FFPROBE');
  return { ...(ffmpeg ? { ffmpeg } : {}), ...(ffprobe ? { ffprobe } : {}) };
}
