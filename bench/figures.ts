/** What the benchmarks share: how a figure is printed, the machine's busy CPU, medians of paired runs. */
import { readFileSync } from 'node:fs';

export const line = (label: string, value: string, target = '') =>
  console.log(`${label.padEnd(56)} ${value.padStart(14)}  ${target}`);

/**
 * CPU seconds the whole machine has spent busy (user, nice, system, interrupts; not idle, I/O wait
 * or time taken by other guests): every server, tool and this process counted. Steadier than the
 * clock on a shared machine, where a neighbour can add a second to one run and not the next.
 */
export function busyCpu(): number {
  const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0)) / 100;
}

export const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;

/** Each pair's difference (with verification − without), and the median of those against the median without. */
export function pairs(withIt: number[], without: number[]): { each: string; share: string; extra: number } {
  const d = withIt.map((v, i) => v - (without[i] ?? NaN));
  return {
    each: d.map((x) => x.toFixed(2)).join(' '),
    share: `${((median(d) / median(without)) * 100).toFixed(1)}%`,
    extra: median(d),
  };
}

/** What verifying adds to a copy: by the clock (milliseconds in), then by the machine's busy CPU, each the median of paired runs. */
export function costLines(clockWith: number[], clockWithout: number[], cpuWith: number[], cpuWithout: number[]): void {
  const clock = pairs(
    clockWith.map((x) => x / 1000),
    clockWithout.map((x) => x / 1000),
  );
  line(
    '  cost of verifying, clock',
    clock.share,
    `of the copy (target ≤ 10%); +${clock.extra.toFixed(2)} s on ${(median(clockWithout) / 1000).toFixed(2)} s, median of pairs (${clock.each} s)`,
  );
  const cpu = pairs(cpuWith, cpuWithout);
  line(
    '  cost of verifying, machine CPU',
    cpu.share,
    `+${cpu.extra.toFixed(2)} CPU s on ${median(cpuWithout).toFixed(2)}, median of pairs (${cpu.each})`,
  );
}
