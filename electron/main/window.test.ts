// The Electron security policy, with 'electron' replaced by a test double (the binary cannot run
// here): secure webPreferences, permissions, blocked navigation and new windows.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: Array<{ options: Record<string, unknown>; loaded: string[]; contents: unknown }> =
    [];
  return { created, openExternal: vi.fn(async () => {}) };
});

vi.mock('electron', async () => {
  // The factory runs before this file's imports, so it loads what it needs itself.
  const { EventEmitter } = await import('node:events');
  class FakeContents extends EventEmitter {
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class BrowserWindow extends EventEmitter {
    webContents = new FakeContents();
    constructor(options: Record<string, unknown>) {
      super();
      electron.created.push({ options, loaded: this.loaded, contents: this.webContents });
    }
    loaded: string[] = [];
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    show() {}
  }
  return { BrowserWindow, shell: { openExternal: electron.openExternal } };
});

const {
  createMainWindow,
  hardenWebContents,
  installPermissionHandlers,
  isAllowedPermission,
  secureWebPreferences,
} = await import('./window.js');

interface FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void;
}

function fakeContents(): FakeContents {
  const contents = new EventEmitter() as FakeContents;
  contents.setWindowOpenHandler = (handler) => {
    contents.openHandler = handler;
  };
  return contents;
}

function navigate(
  contents: EventEmitter,
  event: 'will-navigate' | 'will-redirect',
  url: string,
): boolean {
  const preventDefault = vi.fn();
  contents.emit(event, { url, preventDefault });
  return preventDefault.mock.calls.length > 0;
}

beforeEach(() => {
  electron.openExternal.mockClear();
});

describe('webPreferences', () => {
  it('are the secure set, with the preload given', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('are what the main window is created with, and it loads the app scheme', () => {
    createMainWindow('/app/preload.cjs');
    const window = electron.created.at(-1);
    expect(window?.options['webPreferences']).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(window?.loaded).toEqual(['app://essaim/']);
    // The main window gets the navigation guard without waiting for the app-wide hook.
    expect(
      navigate(window?.contents as EventEmitter, 'will-navigate', 'https://evil.example/'),
    ).toBe(true);
  });
});

describe('permissions', () => {
  it('allows fullscreen only', () => {
    expect(isAllowedPermission('fullscreen')).toBe(true);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'midiSysex',
      'unknown',
    ]) {
      expect(isAllowedPermission(permission)).toBe(false);
    }
  });

  it('installs request and check handlers that deny the rest', () => {
    let request:
      | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void)
      | undefined;
    let check: ((contents: unknown, permission: string) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: typeof request) => (request = handler),
      setPermissionCheckHandler: (handler: typeof check) => (check = handler),
    };
    installPermissionHandlers(session as never);
    const answers: Record<string, boolean> = {};
    for (const permission of ['fullscreen', 'media', 'geolocation']) {
      request?.(null, permission, (granted) => (answers[permission] = granted));
    }
    expect(answers).toEqual({ fullscreen: true, media: false, geolocation: false });
    expect(check?.(null, 'fullscreen')).toBe(true);
    expect(check?.(null, 'notifications')).toBe(false);
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation and redirects away from the app, allows its own pages', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'http://127.0.0.1:8080/',
      'app://other/',
      'javascript:alert(1)',
      'app://essaim.evil/',
    ]) {
      expect(navigate(contents, 'will-navigate', url)).toBe(true);
      expect(navigate(contents, 'will-redirect', url)).toBe(true);
    }
    expect(navigate(contents, 'will-navigate', 'app://essaim/index.html')).toBe(false);
  });

  it('refuses webviews', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never);
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, handing only https links to the browser', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never);
    expect(contents.openHandler?.({ url: 'https://archive.org/details/film' })).toEqual({
      action: 'deny',
    });
    expect(electron.openExternal).toHaveBeenCalledWith('https://archive.org/details/film');
    electron.openExternal.mockClear();
    for (const url of [
      'http://example.com/',
      'file:///bin/sh',
      'smb://host/share',
      'magnet:?xt=urn:btih:abc',
      'https://user:pw@x.example/',
    ]) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.openExternal).not.toHaveBeenCalled();
  });
});
