// What the operating system hands over while the app runs: a second launch's arguments, macOS
// open-file (.torrent) and open-url (magnet:, essaim-live:). Everything goes through the strict
// argument parser.
import type { App } from 'electron';
import { parseArgs } from '../engine/cli-args.js';
import { userArguments } from './command-line.js';

export interface HandoffActions {
  open(argument: string): void;
  focus(): void;
  refuse(reasons: string[]): void;
}

export function installOsHandoffs(app: App, isDefaultApp: boolean, actions: HandoffActions): void {
  app.on('second-instance', (_event, argv) => {
    const second = parseArgs(userArguments(argv, isDefaultApp));
    if (second.errors.length > 0) actions.refuse(second.errors);
    else if (second.open !== undefined) actions.open(second.open);
    actions.focus();
  });
  // macOS hands files and links over by events instead of argv, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    const parsed = parseArgs([path]);
    if (parsed.errors.length === 0 && parsed.open !== undefined) actions.open(parsed.open);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const parsed = parseArgs([url]);
    if (parsed.errors.length === 0 && parsed.open !== undefined) actions.open(parsed.open);
  });
}
