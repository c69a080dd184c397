// The crash guard in a real child process: an error thrown from a timer, where no caller can
// catch it, is logged and the process keeps working.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const guard = fileURLToPath(new URL('./crash-guard.ts', import.meta.url));
const appLog = fileURLToPath(new URL('./app-log.ts', import.meta.url));

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

it('writes what it caught to the log file in the data folder, even when the process exits at once', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'essaim-crash-'));
  try {
    const script = `
      import { installCrashGuard } from ${JSON.stringify(guard)};
      import { createAppLog } from ${JSON.stringify(appLog)};
      const appLog = createAppLog();
      installCrashGuard({ log: appLog.log });
      appLog.useDataDir(${JSON.stringify(dataDir)});
      setTimeout(() => { throw new Error('peer sent garbage'); }, 10);
      setTimeout(() => Promise.reject(new Error('tracker said nonsense')), 20);
      // no waiting for the file: what is pending is written on the way out
      setTimeout(() => {
        appLog.log('leaving at once');
        process.exit(0);
      }, 100);
    `;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.status).toBe(0);
    const logged = await readFile(join(dataDir, 'logs', 'essaim.log'), 'utf8');
    expect(logged).toContain('Unexpected error (the app keeps running): Error: peer sent garbage');
    expect(logged).toContain(
      'Unhandled failure (the app keeps running): Error: tracker said nonsense',
    );
    expect(logged).toContain('leaving at once');
    expect(logged).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z Unexpected error/m);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

it('tells the window about what it caught, once per quiet period however many errors come', () => {
  const script = `
    import { installCrashGuard } from ${JSON.stringify(guard)};
    let told = 0;
    installCrashGuard({ log: () => {}, tellUser: () => { told++; }, quietMs: 300 });
    for (let i = 0; i < 5; i++) setTimeout(() => { throw new Error('bad peer ' + i); }, 10 + i);
    setTimeout(() => Promise.reject(new Error('after the quiet period')), 500);
    setTimeout(() => { console.log('told ' + told); process.exit(0); }, 700);
  `;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  expect(run.status).toBe(0);
  // five errors in a burst make one notice; the one after the quiet period makes a second
  expect(run.stdout).toContain('told 2');
});
