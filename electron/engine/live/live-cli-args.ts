// Reads the broadcaster's and the headless viewer's command lines, strictly: known options
// only, every value checked, problems listed in plain words. Never throws.
import { parseChannelLink, type ChannelLink } from '../../../shared/channel-link.js';
import type { LatencyProfile } from './live-profile.js';

/** "300k", "2M", "500000" (bytes per second) -> bytes/s; undefined when not a rate. */
export function parseRate(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase() === 'k' ? 1024 : m[2]?.toLowerCase() === 'm' ? 1024 * 1024 : 1;
  return Math.round(Number(m[1]) * unit);
}

interface Spec {
  values: string[];
  flags: string[];
}

function split(
  argv: string[],
  spec: Spec,
): { positional: string[]; values: Map<string, string>; flags: Set<string>; errors: string[] } {
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
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (spec.flags.includes(name)) flags.add(name);
    else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        errors.push(`The option ${name} needs a value after it.`);
      else values.set(name, value);
    } else errors.push(`Unknown option ${name}.`);
  }
  return { positional, values, flags, errors };
}

export interface BroadcastArgs {
  input: string;
  name: string;
  loop: boolean;
  dataDir?: string;
  uploadLimit?: number;
  host: string;
  port: number;
  /** the origin's address as viewers reach it (a public name, a reverse proxy), for the link */
  publicUrl?: string;
  trackers: string[];
  segmentSeconds: number;
  videoKbps: number;
}

export function parseBroadcastArgs(argv: string[]): { args?: BroadcastArgs; errors: string[] } {
  const { positional, values, flags, errors } = split(argv, {
    values: [
      '--name',
      '--data-dir',
      '--upload-limit',
      '--host',
      '--port',
      '--public-url',
      '--tracker',
      '--segment-seconds',
      '--video-kbps',
    ],
    flags: ['--loop'],
  });
  if (positional.length !== 1)
    errors.push(
      'Give one input: a video file or anything ffmpeg reads (a device, an HTTP or RTMP address).',
    );
  const name = values.get('--name') ?? '';
  if (name.trim() === '' || name.length > 300)
    errors.push('Give the channel a name with --name "…" (up to 300 characters).');
  const upload = values.has('--upload-limit')
    ? parseRate(values.get('--upload-limit') as string)
    : undefined;
  if (values.has('--upload-limit') && !(upload && upload > 0))
    errors.push('--upload-limit takes a rate in bytes per second, such as 300k or 2M.');
  const port = Number(values.get('--port') ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    errors.push('--port takes a number from 0 to 65535.');
  const seg = Number(values.get('--segment-seconds') ?? '2');
  if (!(seg >= 1 && seg <= 10)) errors.push('--segment-seconds takes a number from 1 to 10.');
  const kbps = Number(values.get('--video-kbps') ?? '800');
  if (!(kbps >= 100 && kbps <= 20000))
    errors.push('--video-kbps takes a number from 100 to 20000.');
  const tracker = values.get('--tracker');
  const publicUrl = values.get('--public-url');
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(publicUrl)) {
    errors.push(
      '--public-url takes the http(s) address viewers reach the origin at, such as https://tv.example.org.',
    );
  }
  if (errors.length > 0) return { errors };
  return {
    errors,
    args: {
      input: positional[0] as string,
      name: name.trim(),
      loop: flags.has('--loop'),
      dataDir: values.get('--data-dir'),
      uploadLimit: upload,
      host: values.get('--host') ?? '127.0.0.1',
      port,
      publicUrl: publicUrl?.replace(/\/+$/, ''),
      trackers: tracker ? [tracker] : [],
      segmentSeconds: seg,
      videoKbps: kbps,
    },
  };
}

export interface ViewerArgs {
  link: ChannelLink;
  durationSeconds: number;
  json: boolean;
  dataDir?: string;
  profile: LatencyProfile;
  uploadLimit: number;
  allowLocalNetwork: boolean;
}

export function parseViewerArgs(argv: string[]): { args?: ViewerArgs; errors: string[] } {
  const { positional, values, flags, errors } = split(argv, {
    values: ['--duration', '--data-dir', '--profile', '--upload-limit'],
    flags: ['--json', '--no-share', '--allow-local-network'],
  });
  const parsed = positional.length === 1 ? parseChannelLink(positional[0] as string) : undefined;
  if (!parsed) errors.push('Give one channel link (essaim-live:?pk=…).');
  else if (!parsed.ok) errors.push(parsed.reason);
  const duration = Number(values.get('--duration') ?? '30');
  if (!(duration > 0 && duration <= 86_400)) errors.push('--duration takes a number of seconds.');
  const profile = values.get('--profile') ?? 'standard';
  if (profile !== 'standard' && profile !== 'low-latency')
    errors.push('--profile is standard or low-latency.');
  const upload = values.has('--upload-limit')
    ? parseRate(values.get('--upload-limit') as string)
    : 256 * 1024;
  if (upload === undefined)
    errors.push('--upload-limit takes a rate in bytes per second, such as 300k or 2M.');
  if (errors.length > 0 || !parsed?.ok) return { errors };
  return {
    errors,
    args: {
      link: parsed.link,
      durationSeconds: duration,
      json: flags.has('--json'),
      dataDir: values.get('--data-dir'),
      profile: profile as LatencyProfile,
      uploadLimit: flags.has('--no-share') ? 0 : (upload as number),
      allowLocalNetwork: flags.has('--allow-local-network'),
    },
  };
}
