// This engine as users run it without Electron: the BUILT headless mode (dist/), started in the
// viewer host with "Allow the local network", driven through its own WebSocket bridge from a page
// of its origin in Chromium, the stream played there by a <video>. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Launched, TorrentRef } from './contender-procs.js';
import type { NetHost } from './network.js';
import { onTeardown, spawnIn, stop } from './processes.js';

const HEADLESS = fileURLToPath(new URL('../../dist/electron/headless/main.js', import.meta.url));

// The window tells the engine where the playhead is (when playback starts, every 2 s while
// playing, and 250 ms after a seek, with the duration once known): the engine sizes its read-ahead window from that, so the
// page reports it the same way (renderer/src/components/player/use-progress-reporting.ts).
const REPORT_PROGRESS = `function reportProgressLikeTheWindow(invoke, sessionId) {
  const attach = () => {
    const video = document.getElementById('bench-video');
    if (!video) return void setTimeout(attach, 20);
    const report = () => {
      const duration = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : undefined;
      void invoke('playback:progress', { sessionId, positionSeconds: video.currentTime, durationSeconds: duration });
    };
    let settle;
    video.addEventListener('seeked', () => { clearTimeout(settle); settle = setTimeout(report, 250); });
    video.addEventListener('playing', report);
    video.addEventListener('pause', report);
    setInterval(() => { if (!video.paused) report(); }, 2000);
  };
  attach();
}`;

// Adds the torrent and starts playback through the bridge, as the window does; resolves with
// the stream URL. The socket stays open: the session belongs to this connection.
const PLAY = `(args) => new Promise((resolve, reject) => {
  ${REPORT_PROGRESS}
  const token = new URLSearchParams(location.search).get('token') || '';
  const ws = new WebSocket('ws://' + location.host + '/bridge?token=' + encodeURIComponent(token) + '&window=bench');
  window.benchBridge = ws;
  let nextId = 0;
  const waiting = new Map();
  let onUrl = null;
  const invoke = (name, input) => new Promise((done) => {
    const id = ++nextId;
    waiting.set(id, done);
    ws.send(JSON.stringify({ type: 'invoke', id, name, input }));
  });
  ws.onmessage = (event) => {
    const m = JSON.parse(event.data);
    if (m.type === 'result' && waiting.has(m.id)) { waiting.get(m.id)(m.result); waiting.delete(m.id); }
    if (m.type === 'event' && m.name === 'session' && m.payload.streamUrl && onUrl) onUrl(m.payload.streamUrl);
  };
  ws.onerror = () => reject(new Error('the bridge could not be reached'));
  ws.onopen = async () => {
    const added = await invoke('library:add', { source: args.source });
    if (!added.ok) return reject(new Error(added.error.message));
    const url = new Promise((done) => { onUrl = done; });
    const started = await invoke('playback:start', { itemId: added.value.id });
    if (!started.ok) return reject(new Error(started.error.message));
    reportProgressLikeTheWindow(invoke, started.value.sessionId);
    resolve(started.value.streamUrl || (await url));
  };
})`;

export interface HeadlessContender extends Launched {
  /** untimed: opens a page of the app's origin (not its window, which would play on its own) */
  openPage(page: Page): Promise<void>;
  startInPage(page: Page, ref: TorrentRef): Promise<string>;
}

export async function launchHeadless(viewer: NetHost): Promise<HeadlessContender> {
  if (!existsSync(HEADLESS)) throw new Error(`${HEADLESS} is missing: run "npm run build" first`);
  const dataDir = await mkdtemp(join(tmpdir(), 'essaim-lab-headless-'));
  const child = spawnIn(
    viewer.netns,
    process.execPath,
    [HEADLESS, '--data-dir', dataDir, '--allow-local-network'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      // the lab's swarm has a tracker; the built-in catalog would only add noise
      env: {
        ...process.env,
        ESSAIM_NO_DHT: '1',
        ESSAIM_NO_BUILTIN_CATALOG: '1',
        // Node options for this engine's process only (say, `--import` of a tracing module)
        ...(process.env['LAB_NODE_OPTIONS']
          ? { NODE_OPTIONS: process.env['LAB_NODE_OPTIONS'] }
          : {}),
      },
    },
  );
  const close = async (): Promise<void> => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  onTeardown(close);
  const appUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('Essaim is running at')) resolve(line.trim().split(/\s+/).at(-1)!);
    });
    child.once('exit', (code) => reject(new Error(`headless mode exited (${code})`)));
  });
  let filmName = '';
  const { findFile } = await import('./contender-procs.js');
  return {
    name: 'essaim',
    pid: child.pid!,
    urlReadyAtOnce: true,
    start: () => Promise.reject(new Error('headless mode is driven from its page')),
    async openPage(page) {
      const app = new URL(appUrl);
      await page.goto(`${app.origin}/bench?token=${app.searchParams.get('token') ?? ''}`);
    },
    async startInPage(page, ref) {
      filmName = ref.name;
      const source = ref.useMagnet
        ? { kind: 'magnet', uri: ref.magnet }
        : { kind: 'file', name: 'bench.torrent', base64: ref.torrentBase64 };
      return (await page.evaluate(`(${PLAY})(${JSON.stringify({ source })})`)) as string;
    },
    file: () =>
      filmName ? findFile(join(dataDir, 'downloads'), filmName) : Promise.resolve(undefined),
    close,
  };
}
