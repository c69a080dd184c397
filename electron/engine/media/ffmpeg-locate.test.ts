import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from './ffmpeg-locate.js';

let root: string;
const dirs = { setting: '', env: '', path: '', shipped: '' };

async function programs(dir: string, names = ['ffmpeg', 'ffprobe']): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of names) {
    await writeFile(join(dir, name), '#!/bin/sh\n');
    await chmod(join(dir, name), 0o755);
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'essaim-ffmpeg-'));
  dirs.setting = join(root, 'setting');
  dirs.env = join(root, 'env');
  dirs.path = join(root, 'path');
  dirs.shipped = join(root, 'resources');
  await programs(dirs.setting);
  await programs(dirs.env);
  await programs(dirs.path);
  await programs(join(dirs.shipped, 'bin'));
  // a file that is not executable is never taken for the program
  await writeFile(join(root, 'ffmpeg'), 'not a program');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('finding ffmpeg', () => {
  const env = () => ({
    ESSAIM_FFMPEG: join(dirs.env, 'ffmpeg'),
    ESSAIM_FFPROBE: join(dirs.env, 'ffprobe'),
    PATH: [root, dirs.path].join(':'),
  });

  it('takes the setting first (a folder, or the ffmpeg program itself)', () => {
    const opts = { env: env(), resourcesDir: dirs.shipped, platform: 'linux' as const };
    expect(locateFfmpeg({ ...opts, setting: dirs.setting })).toEqual({
      ffmpeg: join(dirs.setting, 'ffmpeg'),
      ffprobe: join(dirs.setting, 'ffprobe'),
    });
    expect(locateFfmpeg({ ...opts, setting: join(dirs.setting, 'ffmpeg') }).ffprobe).toBe(
      join(dirs.setting, 'ffprobe'),
    );
  });

  it('then the environment, then PATH (skipping files that cannot run), then the shipped copy', () => {
    const opts = { resourcesDir: dirs.shipped, platform: 'linux' as const };
    expect(locateFfmpeg({ ...opts, env: env() }).ffmpeg).toBe(join(dirs.env, 'ffmpeg'));
    expect(locateFfmpeg({ ...opts, env: { PATH: env().PATH } }).ffmpeg).toBe(
      join(dirs.path, 'ffmpeg'),
    );
    expect(locateFfmpeg({ ...opts, env: { PATH: root } })).toEqual({
      ffmpeg: join(dirs.shipped, 'bin', 'ffmpeg'),
      ffprobe: join(dirs.shipped, 'bin', 'ffprobe'),
    });
  });

  it('says nothing is there when nothing is', () => {
    expect(locateFfmpeg({ env: { PATH: root }, platform: 'linux' })).toEqual({});
  });
});
