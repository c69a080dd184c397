// `npm start` after the build: runs the desktop app with Electron when its binary is present,
// otherwise explains why not and runs headless mode instead. Never downloads anything.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function platformBinary() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/** Where Electron's own launcher would look, without letting it try to download. */
function findElectron() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformBinary();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

function run(command, commandArgs) {
  // Its own process group: Ctrl+C then reaches it once, through us, instead of twice (which
  // headless mode would take as "stop now, without saving").
  const child = spawn(command, commandArgs, {
    stdio: 'inherit',
    cwd: root,
    detached: process.platform !== 'win32',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
}

const electron = findElectron();
if (electron) {
  run(electron, ['.', ...args]);
} else {
  console.error(
    [
      'Electron cannot be started on this machine: its binary is not installed (it could not be downloaded).',
      'Starting headless mode instead: open the address printed below in your browser.',
      '(Next time you can run it directly with "npm run headless". To use the desktop app, install',
      ' Electron where the internet is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.)',
      '',
    ].join('\n'),
  );
  run(process.execPath, [join(root, 'dist', 'electron', 'headless', 'main.js'), ...args]);
}
