// Starting the lab's programs inside a host's namespace (or plainly on loopback), and the one
// place that stops them all: at the end, on failure, and on Ctrl-C or SIGTERM.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();
const cleanups: Array<() => void | Promise<void>> = [];
const exitCleanups = new Set<() => void>();
let signalsInstalled = false;

/** Runs `cmd` inside `netns` (null: in this namespace, loopback mode). */
export function spawnIn(
  netns: string | null,
  cmd: string,
  args: string[],
  options: SpawnOptions = {},
): ChildProcess {
  installSignalHandlers();
  const child = netns
    ? spawn('ip', ['netns', 'exec', netns, cmd, ...args], options)
    : spawn(cmd, args, options);
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** A Node script (TypeScript through tsx) with an IPC channel, inside `netns`. */
export function spawnNodeIn(netns: string | null, script: string, args: string[]): ChildProcess {
  return spawnIn(netns, process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(killer);
}

/** Synchronous work that must happen even if the benchmark dies (removing namespaces). */
export function onExit(cleanup: () => void): () => void {
  installSignalHandlers();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

/** Registers teardown work (run last-registered first by `teardown`). */
export function onTeardown(cleanup: () => void | Promise<void>): void {
  cleanups.push(cleanup);
}

/** Stops every program and runs every registered cleanup; callable again for the next scenario. */
export async function teardown(): Promise<void> {
  for (const child of running) child.kill('SIGKILL');
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch {
      // keep tearing down the rest
    }
  }
}

function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: tearing the lab down…`);
      void teardown().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
    for (const cleanup of exitCleanups) cleanup();
  });
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.once(event, (err: unknown) => {
      console.error(err);
      void teardown().finally(() => process.exit(1));
    });
  }
}

/** Waits for the first IPC message of `type` (with matching `id` if given). */
export function nextMessage(
  child: ChildProcess,
  type: string,
  id?: number,
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no "${type}" message in time`)), timeoutMs);
    const onMessage = (raw: unknown): void => {
      const msg = raw as Record<string, unknown>;
      if (msg['type'] === 'error' && type !== 'error')
        return done(new Error(String(msg['message'])));
      if (msg['type'] === type && (id === undefined || msg['id'] === id)) done(undefined, msg);
    };
    const onExit = (code: number | null): void =>
      done(new Error(`process exited (${code}) before "${type}"`));
    function done(err?: Error, msg?: Record<string, unknown>): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(msg!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

let askId = 0;
export function ask(
  child: ChildProcess,
  message: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const id = ++askId;
  const reply = nextMessage(child, String(message['type']), id);
  child.send({ ...message, id });
  return reply;
}
