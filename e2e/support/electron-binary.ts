// Finds an installed Electron binary without triggering its download (which fails on machines
// without internet): ELECTRON_OVERRIDE_DIST_PATH first, then node_modules/electron/dist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './headless-app.js';

function platformBinary(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

export function findElectronBinary(): string | null {
  const pkg = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformBinary();
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}
