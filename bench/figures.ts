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

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The standard error of the mean of `xs`. */
const stderr = (xs: number[]) =>
  Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1) / xs.length);

/**
 * Each pair's difference (with verification − without), and their mean against the mean without.
 * The mean, not the median: the rounds put each run in each position of the round equally often,
 * and a load runs slower the later it comes, so each pair's difference carries that position's
 * bias one way or the other. Over whole rotations the biases cancel in the mean; a median of
 * them picks one side.
 */
export function pairs(withIt: number[], without: number[]): { each: string; share: string; extra: number; se: number } {
  const d = withIt.map((v, i) => v - (without[i] ?? NaN));
  return {
    each: d.map((x) => x.toFixed(2)).join(' '),
    share: `${((mean(d) / mean(without)) * 100).toFixed(1)}%`,
    extra: mean(d),
    se: stderr(d),
  };
}

/** What verifying adds to a copy: by the clock (milliseconds in), then by the machine's busy CPU, each the mean of paired runs. */
export function costLines(clockWith: number[], clockWithout: number[], cpuWith: number[], cpuWithout: number[]): void {
  const clock = pairs(
    clockWith.map((x) => x / 1000),
    clockWithout.map((x) => x / 1000),
  );
  line(
    '  cost of verifying, clock',
    clock.share,
    `of the copy (target ≤ 10%); +${clock.extra.toFixed(2)} ± ${clock.se.toFixed(2)} s on ${(mean(clockWithout) / 1000).toFixed(2)} s, mean of ${clockWith.length} pairs (${clock.each} s)`,
  );
  const cpu = pairs(cpuWith, cpuWithout);
  line(
    '  cost of verifying, machine CPU',
    cpu.share,
    `+${cpu.extra.toFixed(2)} ± ${cpu.se.toFixed(2)} CPU s on ${mean(cpuWithout).toFixed(2)}, mean of pairs (${cpu.each})`,
  );
}
