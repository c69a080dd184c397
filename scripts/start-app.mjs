// `npm start` after the build: runs the desktop app with Electron when its binary is present,
// otherwise explains why not and runs headless mode instead. Never downloads anything.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './find-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

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

const electron = findElectronBinary();
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
