// End-to-end tests: the built app in real Chromium (headless mode) and, where an Electron binary
// exists, in Electron. One worker: every test runs real peers, ffmpeg and a browser on two cores.
import { defineConfig } from '@playwright/test';
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
    launchOptions: {
      // Debian's Chromium: Playwright's own browsers cannot be downloaded on our machines.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        // without these Chromium keeps calling home, which floods a closed network
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
});
