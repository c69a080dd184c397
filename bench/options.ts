// The benchmark's command line: which scenarios, how many runs, which contenders.

export const USAGE = `npm run bench -- [options]
  --scenario a,b      scenarios to run (default: all): healthy, magnet, moov-last, seek, mkv,
                      thin, uneven, stalls, long
  --runs N            runs per scenario and contender (default 5; fewer for a quick check)
  --contenders a,b    exactly these (default: each scenario's own: essaim, webtorrent-server,
                      webtorrent-cli, peerflix, qbittorrent; + aria2 in long); essaim-engine
                      is the engine alone in a process, driven like webtorrent-server
  --loopback          do not build namespaces; loopback with the clients' own caps
  --long-gib N        size of the long film in GiB (default 3)
  --long-watch S      seconds of playback in the long scenario (default 600)
  --report-only       only rewrite docs/performance.md and the chart from bench/results/
  --help`;

export interface BenchOptions<C extends string = string> {
  scenarios: string[];
  runs: number;
  contenders: C[];
  /** true when --contenders was given: then exactly those run, whatever the scenario */
  contendersGiven: boolean;
  loopback: boolean;
  longGiB: number;
  longWatchSeconds: number | undefined;
  reportOnly: boolean;
  help: boolean;
}

function list(value: string | undefined, known: string[], what: string): string[] {
  if (!value || value === 'all') return known;
  const asked = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = asked.filter((v) => !known.includes(v));
  if (unknown.length > 0)
    throw new Error(`unknown ${what}: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return asked;
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new Error(`${name} needs a positive number`);
  return n;
}

export function parseOptions<C extends string>(
  argv: string[],
  scenarios: string[],
  contenders: C[],
): BenchOptions<C> {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const knownFlags = [
    '--scenario',
    '--runs',
    '--contenders',
    '--loopback',
    '--long-gib',
    '--long-watch',
    '--report-only',
    '--help',
  ];
  const strange = argv.filter(
    (a, i) =>
      a.startsWith('--') &&
      !knownFlags.includes(a) &&
      !(i > 0 && knownFlags.includes(argv[i - 1]!)),
  );
  if (strange.length > 0) throw new Error(`unknown option ${strange.join(', ')}\n${USAGE}`);
  return {
    scenarios: list(value('--scenario'), scenarios, 'scenario'),
    runs: Math.round(positive(value('--runs'), '--runs') ?? 5),
    contenders: list(value('--contenders'), contenders, 'contender') as C[],
    contendersGiven: value('--contenders') !== undefined,
    loopback: argv.includes('--loopback'),
    longGiB: positive(value('--long-gib'), '--long-gib') ?? 3,
    longWatchSeconds: positive(value('--long-watch'), '--long-watch'),
    reportOnly: argv.includes('--report-only'),
    help: argv.includes('--help'),
  };
}
