// Live channels for tests and the lab: the real broadcaster and headless viewer commands, each in
// a process of its own on loopback. Every child is killed on close() and when the test exits.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const children = new Set<ChildProcess>();
let hooked = false;

/** Loopback swarms need the local network allowed; the DHT stays off the closed network. */
const LAB_ENV = { ESSAIM_ALLOW_PRIVATE_ADDRESSES: '1', ESSAIM_NO_DHT: '1' };

function run(script: string, args: string[]): ChildProcess {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
  }
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, ...LAB_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export interface BroadcasterProcess {
  link: string;
  output: string[];
  /** SIGTERM, as a user pressing Ctrl-C; resolves when it has exited */
  stop(): Promise<void>;
}

export async function startBroadcaster(opts: {
  input: string;
  dataDir: string;
  name?: string;
  uploadLimit?: string;
  extra?: string[];
}): Promise<BroadcasterProcess> {
  const args = [
    opts.input,
    '--name',
    opts.name ?? 'Test channel',
    '--loop',
    '--data-dir',
    opts.dataDir,
  ];
  if (opts.uploadLimit) args.push('--upload-limit', opts.uploadLimit);
  const child = run('electron/cli/broadcast.ts', [...args, ...(opts.extra ?? [])]);
  const output: string[] = [];
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no channel link: ${output.join('\n')}`)),
      30_000,
    );
    const onLine = (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        output.push(line);
        const m = /^Channel link: (\S+)$/.exec(line);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    };
    child.stdout?.on('data', (d: Buffer) => onLine(d.toString()));
    child.stderr?.on('data', (d: Buffer) => onLine(d.toString()));
    child.once('exit', (code) =>
      reject(new Error(`broadcaster exited ${code}: ${output.join('\n')}`)),
    );
  });
  return {
    link,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `npm run viewer -- LINK --json` for `seconds`; resolves with its one JSON object. */
export function runViewer(
  link: string,
  seconds: number,
  extra: string[] = [],
): Promise<Record<string, unknown>> {
  const child = run('electron/cli/viewer.ts', [
    link,
    '--duration',
    String(seconds),
    '--json',
    ...extra,
  ]);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as Record<string, unknown>);
      } catch {
        reject(new Error(`viewer exited ${code} without JSON: ${out} ${err}`));
      }
    });
  });
}
