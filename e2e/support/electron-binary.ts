// The Electron binary for the desktop specs, found the same way `npm start` finds it.
export { ELECTRON_MISSING, findElectronBinary } from '../../scripts/find-electron.mjs';
