// Reads `publish-catalog` command lines strictly: known options only, every value checked,
// problems listed in plain words. Never throws.
import { parseDhtNodes } from '../../torrent/dht-nodes.js';

export interface PublishArgs {
  file: string;
  dataDir: string;
  mirror?: string;
  /** stop after this many seconds; undefined = keep sharing until stopped */
  seconds?: number;
  /** DHT nodes to start from instead of the public ones (a private or test network) */
  dhtBootstrap?: string[];
}

const VALUES = ['--data-dir', '--mirror', '--seconds', '--dht-bootstrap'];
const FLAGS = ['--stay'];

export function parsePublishArgs(argv: string[]): { args?: PublishArgs; errors: string[] } {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (FLAGS.includes(name)) flags.add(name);
    else if (VALUES.includes(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '')
        errors.push(`The option ${name} needs a value after it.`);
      else if (values.has(name)) errors.push(`The option ${name} is given twice.`);
      else values.set(name, value);
    } else errors.push(`Unknown option ${name}.`);
  }
  if (positional.length !== 1) errors.push('Give exactly one catalog file to publish.');
  const dataDir = values.get('--data-dir');
  if (dataDir === undefined) {
    errors.push(
      'Give the publisher folder with --data-dir DIR (its key and sequence number live there).',
    );
  }
  const mirror = values.get('--mirror');
  if (mirror !== undefined && !isWebAddress(mirror)) {
    errors.push('The --mirror address must be an http(s) address, without a password in it.');
  }
  let seconds: number | undefined;
  const secondsText = values.get('--seconds');
  if (secondsText !== undefined) {
    seconds = /^\d{1,7}$/.test(secondsText) ? Number(secondsText) : NaN;
    if (!(seconds > 0)) errors.push('--seconds must be a whole number of seconds, above 0.');
  }
  if (secondsText !== undefined && flags.has('--stay')) {
    errors.push('Give either --seconds N or --stay, not both.');
  }
  let dhtBootstrap: string[] | undefined;
  const bootstrapText = values.get('--dht-bootstrap');
  if (bootstrapText !== undefined) {
    dhtBootstrap = parseDhtNodes(bootstrapText);
    if (dhtBootstrap === undefined) {
      errors.push('--dht-bootstrap takes up to 16 host:port pairs separated by commas.');
    }
  }
  if (errors.length > 0 || dataDir === undefined) return { errors };
  return {
    args: {
      file: positional[0] ?? '',
      dataDir,
      ...(mirror !== undefined ? { mirror } : {}),
      ...(seconds !== undefined ? { seconds } : {}),
      ...(dhtBootstrap !== undefined ? { dhtBootstrap } : {}),
    },
    errors,
  };
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}
