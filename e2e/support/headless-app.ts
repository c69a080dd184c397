// Starts the BUILT headless mode as a separate process, exactly as a user would, and reads the
// address it prints. Never starts it from sources: the test is of what ships.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HEADLESS_ENTRY = fileURLToPath(
  new URL('../../dist/electron/headless/main.js', import.meta.url),
);
const URL_LINE = 'Essaim is running at';

/** The engine switches a loopback test swarm needs (see electron/headless/engine-environment.ts). */
export const LOOPBACK_ENV = {
  ESSAIM_ALLOW_PRIVATE_ADDRESSES: '1',
  ESSAIM_NO_DHT: '1',
  ESSAIM_NO_BUILTIN_CATALOG: '1',
};

export interface HeadlessApp {
  url: string;
  process: ChildProcess;
  /** Everything it wrote to stderr so far (its log). */
  log(): string;
  /** SIGTERM, as Ctrl+C would; waits for a clean exit and returns its code. */
  stop(): Promise<number | null>;
}

export interface ExitedApp {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `env` is laid over LOOPBACK_ENV: a spec may turn one of its switches back off ("0"). */
function spawnHeadless(args: string[], env: Record<string, string> = {}): ChildProcess {
  if (!existsSync(HEADLESS_ENTRY)) {
    throw new Error(
      `${HEADLESS_ENTRY} is missing: run "npm run build" before the end-to-end tests.`,
    );
  }
  return spawn(process.execPath, [HEADLESS_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...LOOPBACK_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function launchHeadless(
  args: string[],
  timeoutMs = 30_000,
  env: Record<string, string> = {},
): Promise<HeadlessApp> {
  const child = spawnHeadless(args, env);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no address printed within ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith(URL_LINE)) return;
      clearTimeout(timer);
      resolve(line.trim().split(/\s+/).at(-1) ?? '');
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`headless mode exited (${code}) before printing its address\n${stderr}`));
    });
  });

  let stopping: Promise<number | null> | undefined;
  return {
    url,
    process: child,
    log: () => stderr,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        const code = await exited;
        clearTimeout(killer);
        return code;
      })();
      return stopping;
    },
  };
}

/** Runs headless mode expecting it to refuse to start; returns what it said and its exit code. */
export async function runHeadlessToExit(args: string[], timeoutMs = 30_000): Promise<ExitedApp> {
  const child = spawnHeadless(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
