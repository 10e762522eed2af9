/**
 * CPU seconds a process has used (Linux /proc; null elsewhere). On a shared machine the wall-clock
 * rate mostly measures the neighbours, so the benchmarks print the CPU cost per ballot too.
 */
import { readFileSync } from 'node:fs';

export function processCpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the stat line, counted in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
