// Keeps the app alive when an error escapes every handler (a malformed peer message deep in a
// torrent library, say): the error is logged and reported, the player and the library stay up.
// Never exits the process and never swallows an error silently.

export interface CrashGuardOptions {
  log(message: string): void;
}

export function installCrashGuard(options: CrashGuardOptions): () => void {
  const report = (kind: string, err: unknown): void => {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    options.log(`${kind} (the app keeps running): ${detail}`);
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
