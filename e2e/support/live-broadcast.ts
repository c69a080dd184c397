// A live channel for end-to-end tests: the BUILT broadcaster command on an ffmpeg-made clip, in a
// process of its own on loopback. Its link is read from the line it prints.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LOOPBACK_ENV, REPO_ROOT } from './headless-app.js';

const BROADCAST_ENTRY = fileURLToPath(
  new URL('../../dist/electron/cli/broadcast.js', import.meta.url),
);

export interface LiveBroadcast {
  link: string;
  stop(): Promise<void>;
}

export async function startLiveBroadcast(
  input: string,
  dataDir: string,
  name: string,
): Promise<LiveBroadcast> {
  if (!existsSync(BROADCAST_ENTRY))
    throw new Error(`${BROADCAST_ENTRY} is missing: run "npm run build" first.`);
  const child = spawn(
    process.execPath,
    [BROADCAST_ENTRY, input, '--name', name, '--loop', '--data-dir', dataDir],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...LOOPBACK_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no channel link printed\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^Channel link: (\S+)$/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then(() => reject(new Error(`the broadcaster exited\n${stderr}`)));
  });
  return {
    link,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
