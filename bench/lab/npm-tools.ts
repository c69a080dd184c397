// webtorrent-cli and peerflix, the streaming programs from npm the lab compares against, are
// installed at bench time into the temp folder with `npm install --prefix`, never into the app.
import { execFile } from 'node:child_process';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mediaCacheDir } from './media.js';

const TOOLS = { 'webtorrent-cli': '6.0.1', peerflix: '0.39.0' } as const;
const BIN = { 'webtorrent-cli': 'bin/cmd.js', peerflix: 'app.js' } as const;

const npm = (args: string[], cwd: string): Promise<void> =>
  new Promise((resolve, reject) =>
    execFile('npm', args, { cwd, timeout: 15 * 60_000 }, (err, _o, stderr) =>
      err ? reject(new Error(`npm ${args[0]} failed: ${stderr.slice(-2000)}`)) : resolve(),
    ),
  );

let installing: Promise<string> | undefined;

/** Installs the tools once (cached) and returns the folder holding their node_modules. */
export function installNpmTools(): Promise<string> {
  installing ??= (async () => {
    const prefix = join(mediaCacheDir(), 'npm-tools');
    const installed = await Promise.all(
      Object.entries(TOOLS).map(([tool, version]) =>
        readFile(join(prefix, 'node_modules', tool, 'package.json'), 'utf8').then(
          (text) => (JSON.parse(text) as { version: string }).version === version,
          () => false,
        ),
      ),
    );
    if (installed.every(Boolean)) return prefix;
    console.error('Installing webtorrent-cli and peerflix into the temp folder (once)…');
    await mkdir(prefix, { recursive: true });
    // the app's own pin of node-datachannel, which builds here
    await writeFile(
      join(prefix, 'package.json'),
      JSON.stringify({ private: true, overrides: { 'node-datachannel': '0.33.4' } }),
    );
    // install scripts off (one of their dependencies refuses npm), then build the native parts
    const specs = Object.entries(TOOLS).map(([tool, version]) => `${tool}@${version}`);
    await npm(
      ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', ...specs],
      prefix,
    );
    await npm(
      [
        'rebuild',
        '--prefix',
        prefix,
        'node-datachannel',
        'utp-native',
        'bufferutil',
        'utf-8-validate',
      ],
      prefix,
    );
    return prefix;
  })();
  return installing;
}

export async function npmToolScript(tool: keyof typeof TOOLS): Promise<string> {
  const script = join(await installNpmTools(), 'node_modules', tool, BIN[tool]);
  await stat(script);
  return script;
}
