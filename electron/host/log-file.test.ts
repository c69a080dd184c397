// The log file on real files in a temp folder: rotated at its size cap with the newest lines kept,
// and a folder that cannot be written costs log lines, never an exception.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { LogFile } from './log-file.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'essaim-log-'));
  dirs.push(dir);
  return dir;
}

/** The numbers of the "line N" messages in a file, in file order. */
const lineNumbers = async (path: string): Promise<number[]> =>
  [...(await readFile(path, 'utf8')).matchAll(/line (\d+)/g)].map((m) => Number(m[1]));

it('keeps at most three files under the size cap, in order, the newest lines in essaim.log', async () => {
  const dir = await tempDir();
  const path = join(dir, 'logs', 'essaim.log');
  const log = new LogFile({ maxBytes: 2_000, files: 3 });
  log.useFile(path);
  for (let n = 1; n <= 400; n++) {
    log.write(`line ${n} ${'x'.repeat(20)}`);
    if (n % 5 === 0) await log.flush();
  }
  await log.flush();

  expect((await readdir(join(dir, 'logs'))).sort()).toEqual([
    'essaim.log',
    'essaim.log.1',
    'essaim.log.2',
  ]);
  const sizes: number[] = [];
  for (const name of ['essaim.log.2', 'essaim.log.1', 'essaim.log']) {
    sizes.push((await stat(join(dir, 'logs', name))).size);
  }
  for (const size of sizes) expect(size).toBeLessThanOrEqual(2_000);
  const kept = [
    ...(await lineNumbers(`${path}.2`)),
    ...(await lineNumbers(`${path}.1`)),
    ...(await lineNumbers(path)),
  ];
  // oldest to newest with no gap, ending with the last line written
  expect(kept.at(-1)).toBe(400);
  expect(kept).toEqual(kept.map((_, i) => 400 - kept.length + 1 + i));
  expect(kept.length).toBeGreaterThan(50);
  console.log(`log files (bytes): ${sizes.join(', ')}; lines kept: ${kept.length} of 400`);
});

it('counts what is already in the file from an earlier run against the cap', async () => {
  const dir = await tempDir();
  const path = join(dir, 'essaim.log');
  await writeFile(path, `${'earlier run\n'.repeat(160)}`); // 1,920 bytes
  const log = new LogFile({ maxBytes: 2_000 });
  log.useFile(path);
  log.write(`line 1 of this run, which does not fit any more ${'z'.repeat(80)}`);
  await log.flush();
  expect(await lineNumbers(path)).toEqual([1]);
  expect(await readFile(`${path}.1`, 'utf8')).toMatch(/^earlier run\n/);
});

it('never throws when the folder cannot be written, and says later how many lines were lost', async () => {
  const dir = await tempDir();
  const blocked = join(dir, 'data');
  await writeFile(blocked, 'a file where the data folder should be');
  const log = new LogFile();
  log.useFile(join(blocked, 'logs', 'essaim.log'));
  expect(() => log.write('line 1')).not.toThrow();
  await log.flush();
  log.write('line 2');
  await log.flush();

  await rm(blocked);
  log.write('line 3');
  await log.flush();
  const text = await readFile(join(blocked, 'logs', 'essaim.log'), 'utf8');
  expect(text).toMatch(/\(2 log lines were lost\)/);
  expect(await lineNumbers(join(blocked, 'logs', 'essaim.log'))).toEqual([3]);
});

it('keeps lines logged before the file is known, and cuts a huge one', async () => {
  const dir = await tempDir();
  const log = new LogFile({ maxBytes: 4_000 });
  log.write('line 1 before the data folder is known');
  log.write(`line 2 ${'y'.repeat(10_000)}`);
  log.useFile(join(dir, 'essaim.log'));
  await log.flush();
  const text = await readFile(join(dir, 'essaim.log'), 'utf8');
  expect(await lineNumbers(join(dir, 'essaim.log'))).toEqual([1, 2]);
  expect(text).toContain('(cut)');
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4_000);
});
