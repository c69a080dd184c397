// Runs one ffmpeg whose output goes straight into an HTTP response. The pipe is the flow control:
// when the window stops reading, ffmpeg blocks on its output and stops working; when the
// response closes, ffmpeg is killed. It never outlives its response.
import { spawn } from 'node:child_process';
import type { ServerResponse } from 'node:http';

export interface PipedRun {
  /** ends the run now (the session stopped) */
  kill(): void;
  /** resolves when ffmpeg has exited, with its last words if it failed */
  exited: Promise<{ code: number | null; error?: string }>;
}

export function pipeFfmpeg(ffmpeg: string, args: string[], res: ServerResponse): PipedRun {
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const exited = new Promise<{ code: number | null; error?: string }>((resolve) => {
    child.once('error', (err) => {
      resolve({ code: null, error: err.message });
      res.destroy();
    });
    child.once('close', (code, signal) => {
      const failed = code !== 0 && signal === null;
      resolve(failed ? { code, error: stderr.trim() || `ffmpeg exited with ${code}` } : { code });
      // a failed or stopped run must not look like a complete file: cut the response instead
      if (code !== 0) res.destroy();
    });
  });
  res.once('close', kill);
  child.stdout.pipe(res);
  return { kill, exited };
}
