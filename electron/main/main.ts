// Electron entry: wires the engine, the app:// scheme, the window, IPC, the menu and the OS
// hand-overs (magnet links, .torrent files, a second launch). Wiring only; the rules live elsewhere.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../engine/cli-args.js';
import { createEngine } from '../engine/engine.js';
import type { Engine } from '../engine/engine-api.js';
import { contentSecurityPolicy } from '../host/content-security-policy.js';
import { engineSwitchesFromEnvironment } from '../host/engine-environment.js';
import { createAppLog } from '../host/app-log.js';
import { installCrashGuard } from '../host/crash-guard.js';
import { resolveDataDir } from '../host/default-paths.js';
import { claimDataFolder, handOverToFirst } from '../host/single-instance.js';
import { APP_ORIGIN, APP_SCHEME, appSchemeResponse } from './app-scheme.js';
import { userArguments } from './command-line.js';
import { installOsHandoffs } from './os-handoff.js';
import { createSenderCheck, forwardEngineEvents, registerIpc, type EventForwarder } from './ipc.js';
import { menuTemplate } from './menu.js';
import { createMainWindow, hardenWebContents, installPermissionHandlers } from './window.js';

/** dist/electron/main/main.js -> dist/renderer and dist/electron/preload/preload.cjs */
const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
const PRELOAD_PATH = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';

// Must happen before 'ready': a standard, secure scheme gets a real origin for 'self' in the CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
/** the console, and the log file in the data folder once it is known */
const appLog = createAppLog((message) => console.error(message));
// the guard outlives any one engine: it asks for the current one when it must tell the window
installCrashGuard({ log: appLog.log, tellUser: () => engine?.noticeUnexpectedError() });

const args = parseArgs(userArguments(process.argv, process.defaultApp === true));
if (args.errors.length > 0) {
  for (const error of args.errors) appLog.log(error);
  app.exit(2);
}
// One data folder, one running app: a separate --data-dir is a separate profile (tests, portable use).
if (args.dataDir !== undefined) app.setPath('userData', resolve(args.dataDir));
// The same folder as headless mode (not Electron's own userData): the README's, for both hosts.
const dataDir = resolveDataDir(args.dataDir, {
  platform: process.platform,
  home: homedir(),
  env: process.env,
  cwd: process.cwd(),
});
let releaseDataDir: () => Promise<void> = async () => {};

let engine: Engine | null = null;
let engineUp: (engine: Engine) => void = () => {};
const engineReady = new Promise<Engine>((resolve) => (engineUp = resolve));
let mainWindow: BrowserWindow | null = null;
const pendingOpens: string[] = args.open !== undefined ? [args.open] : [];

function showError(title: string, detail: string): void {
  const options = { type: 'error' as const, message: title, detail };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function openFromOutside(argument: string): void {
  if (engine === null) {
    pendingOpens.push(argument);
    return;
  }
  engine.openArgument(argument).catch((err: unknown) => {
    showError('This could not be opened', err instanceof Error ? err.message : String(err));
  });
  focusWindow();
}

function focusWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function openTorrentFile(): Promise<void> {
  const options = {
    title: 'Open a .torrent file',
    filters: [{ name: 'Torrent files', extensions: ['torrent'] }],
    properties: ['openFile' as const],
  };
  const picked = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  const path = picked.filePaths[0];
  if (!picked.canceled && path !== undefined) openFromOutside(path);
}

function liveWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

function showWindow(forwarder: EventForwarder): void {
  const created = createMainWindow(PRELOAD_PATH, {
    devTools: isDev,
    systemLanguages: [...app.getPreferredSystemLanguages(), app.getLocale()],
  });
  mainWindow = created;
  // A reload or a closed window is not listening: hold items opened meanwhile.
  created.webContents.on('did-start-loading', () => forwarder.windowGone());
  created.on('closed', () => {
    forwarder.windowGone();
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  // Electron's own lock is per profile; this one holds across the desktop app and headless mode.
  await mkdir(dataDir, { recursive: true });
  const claim = await claimDataFolder(dataDir, 'desktop', {
    open: async (argument) => void (await (await engineReady).openArgument(argument)),
    show: focusWindow,
    where: () => undefined,
  });
  if (!claim.first) {
    const { code, message } = await handOverToFirst(claim, pendingOpens[0], process.cwd());
    console.error(message);
    if (code !== 0 || pendingOpens.length === 0) {
      await dialog.showMessageBox({ type: code === 0 ? 'info' : 'error', message });
    }
    app.exit(code);
    return;
  }
  releaseDataDir = claim.release;
  installPermissionHandlers(session.defaultSession);
  appLog.useDataDir(dataDir);
  const current = await createEngine({
    dataDir,
    catalogs: args.catalogs,
    log: appLog.log,
    // the window's live player reads its playlist from the stream server with XHR
    streamAllowedOrigins: [APP_ORIGIN],
    ...engineSwitchesFromEnvironment(process.env),
    ...(args.allowLocalNetwork === true ? { allowPrivateAddresses: true } : {}),
  });
  engine = current;
  engineUp(current);
  const csp = contentSecurityPolicy({ streamOrigin: current.streamOrigin });
  protocol.handle(APP_SCHEME, (request) => appSchemeResponse(request, RENDERER_DIR, csp));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({ openTorrentFile: () => void openTorrentFile(), isDev, isMac }),
    ),
  );
  // Only an installed app claims magnet links; a development run must not take over the system's.
  if (app.isPackaged) {
    app.setAsDefaultProtocolClient('magnet');
    app.setAsDefaultProtocolClient('essaim-live');
  }
  const forwarder = forwardEngineEvents(current, () => liveWindow()?.webContents);
  registerIpc(
    ipcMain,
    current,
    createSenderCheck(() => liveWindow()?.webContents.mainFrame),
    {
      onTrustedInvoke: () => forwarder.windowReady(),
    },
  );
  showWindow(forwarder);
  for (const argument of pendingOpens.splice(0)) openFromOutside(argument);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow(forwarder);
  });
}

if (args.errors.length === 0 && !app.requestSingleInstanceLock()) {
  app.quit();
} else if (args.errors.length === 0) {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
    installPermissionHandlers(contents.session);
  });
  installOsHandoffs(app, process.defaultApp === true, {
    open: openFromOutside,
    focus: focusWindow,
    refuse: (reasons) => showError('This could not be opened', reasons.join('\n')),
  });
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  let engineClosed = false;
  app.on('will-quit', (event) => {
    if (engineClosed || engine === null) return;
    // Give the engine the time to save the library and close its files before exiting.
    event.preventDefault();
    void engine
      .close()
      .finally(() => releaseDataDir())
      .then(() => appLog.close())
      .finally(() => {
        engineClosed = true;
        app.quit();
      });
  });
  start().catch((err: unknown) => {
    dialog.showErrorBox('Essaim could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
