// Reads the command line, which can come from the OS on behalf of anyone (a second launch, a
// magnet link clicked in a browser). Strict: only the known options and one thing to open.
import { isChannelLinkText, parseChannelLink } from '../../shared/channel-link.js';
import { parseOpenInput } from '../../shared/open-input.js';

export interface ParsedArgs {
  open?: string;
  dataDir?: string;
  catalogs: string[];
  host?: string;
  port?: number;
  /** --allow-local-network: contact trackers, web seeds and peers on the local network this run */
  allowLocalNetwork?: boolean;
  errors: string[];
}

const VALUE_OPTIONS = ['--data-dir', '--catalog', '--port', '--host'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

const MAX_VALUE_LENGTH = 4096;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\x00-\x1f\x7f]/g;
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]+)$/;

const hasControlChars = (text: string): boolean => text.search(CONTROL_CHARS) >= 0;

const isValueOption = (name: string): name is ValueOption =>
  (VALUE_OPTIONS as readonly string[]).includes(name);

/** What may be opened: a magnet link, an info hash, a web link to a .torrent, a .torrent file or a channel link. */
function isOpenable(arg: string): boolean {
  if (arg.length > 8192 || hasControlChars(arg)) return false;
  if (isChannelLinkText(arg)) return parseChannelLink(arg).ok;
  const parsed = parseOpenInput(arg);
  if (parsed.ok && parsed.source.kind === 'magnet') return true;
  if (parsed.ok && parsed.source.kind === 'url') {
    return new URL(parsed.source.url).pathname.toLowerCase().endsWith('.torrent');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return false; // another scheme, never a file path
  return arg.length <= MAX_VALUE_LENGTH && /\.torrent$/i.test(arg);
}

function applyOption(result: ParsedArgs, name: ValueOption, value: string | undefined): void {
  if (value === undefined || value === '' || value.startsWith('--')) {
    result.errors.push(`The option ${name} needs a value after it.`);
    return;
  }
  if (value.length > MAX_VALUE_LENGTH || hasControlChars(value)) {
    result.errors.push(`The value given to ${name} is not valid.`);
    return;
  }
  switch (name) {
    case '--data-dir':
      result.dataDir = value;
      return;
    case '--catalog':
      result.catalogs.push(value);
      return;
    case '--host':
      if (value.length <= 253 && HOST.test(value)) result.host = value;
      else result.errors.push(`"${value}" is not a valid host name or address for --host.`);
      return;
    case '--port': {
      const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      if (port >= 0 && port <= 65535) result.port = port;
      else
        result.errors.push(`"${value}" is not a valid port for --port (a number from 0 to 65535).`);
      return;
    }
  }
}

/** `argv` without the program and script paths. Never throws; problems are listed in `errors`. */
export function parseArgs(argv: string[]): ParsedArgs {
  const result: ParsedArgs = { catalogs: [], errors: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (name === '--allow-local-network') {
        // a switch takes no value: "--allow-local-network=no" must not quietly mean yes
        if (eq >= 0) result.errors.push('The option --allow-local-network takes no value.');
        else result.allowLocalNetwork = true;
        continue;
      }
      // Options added by Chromium or Electron (and anything else unknown) are not ours to judge.
      if (!isValueOption(name)) continue;
      if (eq >= 0) {
        applyOption(result, name, arg.slice(eq + 1));
      } else {
        // the next word is taken as the value unless it is itself an option
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) i++;
        applyOption(result, name, next);
      }
      continue;
    }
    if (!isOpenable(arg)) {
      const shown = arg.length > 80 ? `${arg.slice(0, 80)}…` : arg;
      result.errors.push(
        `"${shown.replace(CONTROL_CHARS, '?')}" cannot be opened: give a magnet link, an info hash, a web link to a .torrent file, a .torrent file or a channel link.`,
      );
    } else if (result.open !== undefined) {
      result.errors.push('Only one thing can be opened at a time; the extra one was ignored.');
    } else {
      result.open = arg.trim();
    }
  }
  return result;
}
