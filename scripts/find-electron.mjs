// Finds an installed Electron binary without triggering its download (which fails on machines
// without internet): ELECTRON_OVERRIDE_DIST_PATH first, then node_modules/electron/dist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function platformBinary() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/** The Electron binary's path, or null when it is not installed. */
export function findElectronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformBinary();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export const ELECTRON_MISSING =
  'Electron binary not installed on this machine (it cannot be downloaded here); the desktop specs run where Electron is installed';
