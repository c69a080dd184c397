// End-to-end tests: the built app in real Chromium (headless mode) and, where an Electron binary
// exists, in Electron. One worker: every test runs real peers, ffmpeg and a browser on two cores.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium.js';
import { ELECTRON_MISSING, findElectronBinary } from './scripts/find-electron.mjs';

// The list reporter does not print skip reasons: say it once, plainly.
if (findElectronBinary() === null) console.log(`Note: ${ELECTRON_MISSING}.`);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  fullyParallel: false,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
