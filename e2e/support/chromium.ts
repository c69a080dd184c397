// Debian's Chromium as the end-to-end tests and the benchmark launch it. Playwright's own browsers
// cannot be downloaded on our machines; without the background-networking flags Chromium keeps
// calling home, which floods a closed network.
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];
