// The benchmark's side of a contender running in its own process (player-child.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./player-child.ts', import.meta.url));

export interface RemotePlayer {
  play(torrentBytes: Buffer): Promise<string>;
  peakRssMiB(): Promise<number>;
  close(): Promise<void>;
}

function reply(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>): void => {
      if (message['type'] === 'error') reject(new Error(String(message['message'])));
      else if (message['type'] === type) resolve(message);
      else return;
      child.off('message', onMessage);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`player process exited (${code})`)));
  });
}

export async function launchRemote(contender: string): Promise<RemotePlayer> {
  const child = fork(CHILD, [contender], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await reply(child, 'ready');
  return {
    async play(torrentBytes) {
      const answer = reply(child, 'url');
      child.send({ type: 'play', torrentBase64: torrentBytes.toString('base64') });
      return String((await answer)['url']);
    },
    async peakRssMiB() {
      const answer = reply(child, 'memory');
      child.send({ type: 'memory' });
      return Number((await answer)['peakRssMiB']);
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
