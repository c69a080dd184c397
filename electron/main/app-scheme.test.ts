// The app:// scheme handler and the Electron argv filter: plain functions, real files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSchemeResponse, isAppUrl } from './app-scheme.js';
import { userArguments } from './command-line.js';

let dir: string;
const CSP = "default-src 'self'; script-src 'self'";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essaim-scheme-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Essaim</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
  await writeFile(join(dir, 'secret.txt'), 'SECRET');
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') =>
  appSchemeResponse(new Request(url, { method }), join(dir, 'renderer'), CSP);

describe('app:// responses', () => {
  it('serves index.html for the root with the CSP and nosniff', async () => {
    const res = await get('app://essaim/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Essaim</title>');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('serves scripts with a script type', async () => {
    const res = await get('app://essaim/assets/app.js');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses anything but GET', async () => {
    expect((await get('app://essaim/', 'POST')).status).toBe(405);
    expect((await get('app://essaim/', 'PUT')).status).toBe(405);
  });

  it.each([
    'app://essaim/%2e%2e/secret.txt',
    'app://essaim/..%2fsecret.txt',
    'app://other/index.html',
    'app://essaim/missing.js',
  ])('gives nothing for %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://essaim/x')).toBe(true);
    expect(isAppUrl('app://essaim.evil/')).toBe(false);
    expect(isAppUrl('app://user@essaim/')).toBe(false);
    expect(isAppUrl('https://essaim/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('userArguments', () => {
  it('drops the executable, the app path in development and Chromium switches', () => {
    const magnet = 'magnet:?xt=urn:btih:' + 'a'.repeat(40);
    expect(
      userArguments(['/opt/Essaim/essaim', '--original-process-start-time=123', magnet], false),
    ).toEqual([magnet]);
    expect(
      userArguments(
        ['electron', '.', '--data-dir', '/tmp/d', '--allow-file-access-from-files', magnet],
        true,
      ),
    ).toEqual(['--data-dir', '/tmp/d', magnet]);
    expect(userArguments(['essaim', '--catalog=/c.json', '-psn_0_1'], false)).toEqual([
      '--catalog=/c.json',
    ]);
    // a test driver puts its switches before the app path
    expect(
      userArguments(
        ['electron', '--inspect=0', '--remote-debugging-port=0', '/repo', '--catalog', '/c.json'],
        true,
      ),
    ).toEqual(['--catalog', '/c.json']);
  });
});
