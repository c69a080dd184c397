// Headless mode entry (plain Node): the engine, the built window and its WebSocket bridge on
// 127.0.0.1, for a browser. Composition only; never listens beyond loopback in this version.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../engine/cli-args.js';
import { createEngine } from '../engine/engine.js';
import type { Engine } from '../engine/engine-api.js';
import { createAppLog } from '../host/app-log.js';
import { installCrashGuard } from '../host/crash-guard.js';
import { resolveDataDir } from '../host/default-paths.js';
import { claimDataFolder, handOverToFirst } from '../host/single-instance.js';
import { engineSwitchesFromEnvironment } from '../host/engine-environment.js';
import { isLoopbackHost, newAccessToken } from './http-guards.js';
import { startHeadlessServer, type HeadlessServer } from './http-server.js';

/** dist/electron/headless/main.js -> dist/renderer */
const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

/** stderr, and the log file in the data folder once it is known */
const appLog = createAppLog();
const log = appLog.log;

function explain(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** set once the engine runs, so the crash guard can tell the window about what it caught */
let runningEngine: Engine | undefined;

async function main(): Promise<void> {
  installCrashGuard({ log, tellUser: () => runningEngine?.noticeUnexpectedError() });
  const args = parseArgs(process.argv.slice(2));
  if (args.errors.length > 0) {
    for (const error of args.errors) log(error);
    process.exit(2);
  }
  if (args.host !== undefined && !isLoopbackHost(args.host)) {
    // Anyone on the network could otherwise drive the player; that needs access control first.
    log(
      `Headless mode only listens on this computer (127.0.0.1) in this version; "${args.host}" is not allowed. ` +
        'To watch from another device, forward the port over SSH instead.',
    );
    process.exit(2);
  }

  // Before anything is started, so a signal arriving at any point still closes things properly.
  installShutdown();
  const dataDir = resolveDataDir(args.dataDir, {
    platform: process.platform,
    home: homedir(),
    env: process.env,
    cwd: process.cwd(),
  });
  await mkdir(dataDir, { recursive: true });
  const logPath = appLog.useDataDir(dataDir);
  // closed last (closers run newest first), so the engine's last words are in the file
  closers.push(() => appLog.close());

  // One app per data folder: a second engine would delete the first one's temporary files and
  // overwrite its library. What arrives from a second launch waits for the engine to be up.
  let engineUp: (engine: Engine) => void = () => {};
  const engineReady = new Promise<Engine>((resolve) => (engineUp = resolve));
  const shown: { url?: string } = {};
  const claim = await claimDataFolder(dataDir, 'headless', {
    open: async (argument) => void (await (await engineReady).openArgument(argument)),
    show: () => {},
    where: () => shown.url,
  });
  if (!claim.first) {
    const { code, message } = await handOverToFirst(claim, args.open, process.cwd());
    if (code === 0) process.stdout.write(`${message}\n`);
    else log(message);
    process.exit(code);
  }
  closers.push(() => claim.release());

  let engine: Engine;
  try {
    engine = await createEngine({
      dataDir,
      catalogs: args.catalogs,
      log,
      ...engineSwitchesFromEnvironment(process.env),
      ...(args.allowLocalNetwork === true ? { allowPrivateAddresses: true } : {}),
    });
  } catch (err) {
    log(`Essaim could not start: ${explain(err)}`);
    await claim.release();
    process.exit(1);
  }
  closers.push(() => engine.close());
  runningEngine = engine;
  engineUp(engine);

  let server: HeadlessServer;
  try {
    server = await startHeadlessServer({
      engine,
      rendererDir: RENDERER_DIR,
      token: newAccessToken(),
      port: args.port,
      log,
    });
  } catch (err) {
    log(`Essaim could not listen on port ${args.port ?? 'any'}: ${explain(err)}`);
    await engine.close().catch(() => {});
    await claim.release();
    process.exit(1);
  }
  closers.push(() => server.close());
  shown.url = server.url;
  if (stopping) return;

  // The one line on stdout: scripts and tests read the URL from it (the last word of the line).
  process.stdout.write(`Essaim is running at ${server.url}\n`);
  log(`Data folder: ${dataDir} (log: ${logPath})`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    log('The window has not been built yet, so the page will be empty: run "npm run build" first.');
  }

  if (args.open !== undefined) {
    engine
      .openArgument(args.open)
      .catch((err: unknown) => log(`Could not open "${args.open}": ${explain(err)}`));
  }
}

/** Things to close on exit, newest first; filled as start-up goes. */
const closers: Array<() => Promise<unknown>> = [];
let stopping = false;

/** Ctrl+C / SIGTERM: close what was started (the engine saves its state), then leave. */
function installShutdown(): void {
  const shutdown = (signal: string): void => {
    if (stopping) {
      log('Stopping now.');
      process.exit(1);
    }
    stopping = true;
    log(`Stopping (${signal})…`);
    void (async () => {
      for (const close of [...closers].reverse()) await close().catch(() => {});
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  log(`Essaim stopped because of an unexpected problem: ${explain(err)}`);
  process.exit(1);
});
