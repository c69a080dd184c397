// The main window and the security policy of every web contents: isolation and sandbox, no
// navigation away from the app, no new windows, no permissions but fullscreen. Never loosens these.
import {
  BrowserWindow,
  shell,
  type Session,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { encodeSystemLanguages } from '../../shared/system-languages.js';
import { APP_ENTRY_URL, isAppUrl } from './app-scheme.js';

export interface WindowOptions {
  devTools?: boolean;
  /** the OS's preferred languages, for the window to follow until the user picks one */
  systemLanguages?: readonly string[];
}

export function secureWebPreferences(
  preloadPath: string,
  options: WindowOptions = {},
): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    devTools: options.devTools ?? false,
    additionalArguments: [encodeSystemLanguages(options.systemLanguages ?? [])],
  };
}

/** The player needs fullscreen for video and nothing else (no camera, location, notifications…). */
export function isAllowedPermission(permission: string): boolean {
  return permission === 'fullscreen';
}

/** Only pages of the app itself; a link or a script must never take the window elsewhere. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Links the user may open in their browser: https only (no file:, no custom protocol handlers). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isAllowedPermission(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
}

const hardened = new WeakSet<WebContents>();

/** Applied to every web contents the app ever creates (app 'web-contents-created'); idempotent. */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Credits and licences link out to the web: hand https links to the user's browser.
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadPath: string, options: WindowOptions = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Essaim',
    backgroundColor: '#111111',
    show: false,
    webPreferences: secureWebPreferences(preloadPath, options),
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
