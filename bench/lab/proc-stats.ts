// Resident memory and CPU time of a contender's process, read from /proc (Linux), and a sampler
// that records resident memory over a watch, to show whether it stays flat.
import { readFile } from 'node:fs/promises';

export interface ProcStats {
  peakRssMiB: number;
  rssMiB: number;
  cpuSeconds: number;
}

const CLOCK_TICKS = 100;

export async function procStats(pid: number): Promise<ProcStats> {
  const [status, stat] = await Promise.all([
    readFile(`/proc/${pid}/status`, 'utf8'),
    readFile(`/proc/${pid}/stat`, 'utf8'),
  ]);
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  // fields after the command name (which may hold spaces): utime is the 14th, stime the 15th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    peakRssMiB: kib('VmHWM') / 1024,
    rssMiB: kib('VmRSS') / 1024,
    cpuSeconds: ticks / CLOCK_TICKS,
  };
}

/** Samples resident memory every `everyMs` until stopped; returns [seconds, MiB] pairs. */
export function sampleRss(pid: number, everyMs = 2_000): () => Array<[number, number]> {
  const started = Date.now();
  const samples: Array<[number, number]> = [];
  const timer = setInterval(() => {
    procStats(pid).then(
      (s) => samples.push([(Date.now() - started) / 1000, s.rssMiB]),
      () => undefined,
    );
  }, everyMs);
  return () => {
    clearInterval(timer);
    return samples;
  };
}
