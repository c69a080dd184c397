// The hosts' log: each line goes to stderr (a terminal, a service journal) and to logs/essaim.log
// in the data folder once it is known. Never throws; what is pending at exit is still written.
import { join } from 'node:path';
import { LogFile, type LogFileOptions } from './log-file.js';

/** Inside the data folder; the README's table of what lives there names it too. */
export const LOG_PATH = join('logs', 'essaim.log');

export interface AppLog {
  /** Logs one message; safe to call from anywhere, at any time, even from the crash guard. */
  log(message: string): void;
  /** The data folder is known: the log file goes there, lines logged so far included. */
  useDataDir(dataDir: string): string;
  /** Resolves once every line so far is written. */
  close(): Promise<void>;
}

export function createAppLog(
  echo: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
  options: LogFileOptions = {},
): AppLog {
  const file = new LogFile(options);
  // process.exit() and a crash end the process without waiting for background writes
  process.on('exit', () => file.flushSync());
  return {
    log: (message) => {
      try {
        echo(message);
      } catch {
        // a closed terminal must not stop the file from getting the line
      }
      file.write(message);
    },
    useDataDir: (dataDir) => {
      const path = join(dataDir, LOG_PATH);
      file.useFile(path);
      return path;
    },
    close: () => file.flush(),
  };
}
