// The crash guard in a real child process: an error thrown from a timer, where no caller can
// catch it, is logged and the process keeps working.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const guard = fileURLToPath(new URL('./crash-guard.ts', import.meta.url));

function runChild(installGuard: boolean): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const script = `
    import { installCrashGuard } from ${JSON.stringify(guard)};
    if (${installGuard}) installCrashGuard({ log: (m) => console.error(m) });
    setTimeout(() => { throw new Error('peer sent garbage'); }, 10);
    setTimeout(() => Promise.reject(new Error('tracker said nonsense')), 20);
    setTimeout(() => { console.log('still alive'); process.exit(0); }, 100);
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

it('logs an escaped error and keeps the process running', () => {
  const run = runChild(true);
  expect(run.stdout).toContain('still alive');
  expect(run.status).toBe(0);
  expect(run.stderr).toContain(
    'Unexpected error (the app keeps running): Error: peer sent garbage',
  );
  expect(run.stderr).toContain(
    'Unhandled failure (the app keeps running): Error: tracker said nonsense',
  );
});

it('without it, the same error would end the process (the guard is what keeps it alive)', () => {
  const run = runChild(false);
  expect(run.stdout).not.toContain('still alive');
  expect(run.status).not.toBe(0);
});
