// Keeps the app alive when an error escapes every handler (a malformed peer message deep in a
// torrent library, say): the error is logged and reported, the player and the library stay up.
// Never exits the process and never swallows an error silently.

export interface CrashGuardOptions {
  log(message: string): void;
  /**
   * The user should hear of it (a notice in the window), at most once per `quietMs`: one bad
   * peer can throw many times a second, and a flood of notices would bury everything else.
   */
  tellUser?(): void;
  quietMs?: number;
}

const DEFAULT_QUIET_MS = 60_000;

export function installCrashGuard(options: CrashGuardOptions): () => void {
  const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
  let toldAt = -Infinity;
  const report = (kind: string, err: unknown): void => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    options.log(`${kind} (the app keeps running): ${detail}`);
    const now = Date.now();
    if (!options.tellUser || now - toldAt < quietMs) return;
    toldAt = now;
    try {
      options.tellUser();
    } catch (tellErr) {
      options.log(`Could not tell the window about it: ${String(tellErr)}`);
    }
  };
  const onException = (err: unknown): void => report('Unexpected error', err);
  const onRejection = (reason: unknown): void => report('Unhandled failure', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
