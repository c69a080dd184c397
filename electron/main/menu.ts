// The application menu: File (Open…, Quit), View (fullscreen; developer tools in development
// only), Help (About). Builds the template only; never reaches into the engine itself.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openTorrentFile: () => void;
  isDev: boolean;
  isMac: boolean;
}

export function menuTemplate({
  openTorrentFile,
  isDev,
  isMac,
}: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [{ role: 'togglefullscreen' }];
  if (isDev) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => openTorrentFile() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'View', submenu: view },
    { role: 'help', submenu: [{ role: 'about' }] },
  ];
}
