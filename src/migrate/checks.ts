import { capture } from '../io/exec.js';
import { humanBytes } from './report.js';
import type { Endpoint, PreflightCheck } from './types.js';

/** The parts of pre-flight checks that engines share: results, free space, versions. */
export const ok = (check: string, detail: string): PreflightCheck => ({ check, status: 'ok', detail });
export const warning = (check: string, detail: string): PreflightCheck => ({ check, status: 'warning', detail });
export const fail = (check: string, detail: string): PreflightCheck => ({ check, status: 'fail', detail });

/**
 * Free KiB on the filesystem that holds a folder (or its nearest existing parent), as that side sees it
 * (through its transport: inside the pod for a target in the cluster); undefined when df cannot tell.
 */
export async function freeKib(ep: Endpoint, folder: string): Promise<number | undefined> {
  const r = await capture({
    argv: [
      'sh',
      '-c',
      'd="$1"; while [ ! -d "$d" ] && [ "$d" != / ]; do d=$(dirname "$d"); done; df -Pk "$d" | tail -n 1',
      'sh',
      folder,
    ],
    transport: ep.transport,
  });
  const available = Number(r.stdout.trim().split(/\s+/)[3]);
  return r.code === 0 && Number.isFinite(available) ? available : undefined;
}

/** Enough room on the target for the source's data: a failure below its size, a warning below 1.5×. */
export function spaceCheck(freeKiB: number | undefined, needBytes: number | undefined, where: string): PreflightCheck {
  const check = 'space on the target';
  if (freeKiB === undefined) return warning(check, `could not read the free space at ${where}`);
  if (needBytes === undefined) return ok(check, `${humanBytes(freeKiB * 1024)} free at ${where}`);
  const detail = `${humanBytes(needBytes)} to write, ${humanBytes(freeKiB * 1024)} free at ${where}`;
  if (freeKiB * 1024 < needBytes) return fail(check, `${detail}: the copy would fill the disk`);
  if (freeKiB * 1024 < needBytes * 1.5)
    return warning(check, `${detail}: little room left for indexes, logs and growth`);
  return ok(check, detail);
}

/** Major versions: a target older than the source may not read what the source writes. */
export function versionCheck(check: string, source: string, target: string, why: string): PreflightCheck {
  const major = (v: string) => Number(/(\d+)/.exec(v)?.[1] ?? NaN);
  const detail = `${source} → ${target}`;
  if (!Number.isFinite(major(source)) || !Number.isFinite(major(target)))
    return warning(check, `${detail}: versions not understood`);
  return major(target) < major(source) ? fail(check, `${detail}: ${why}`) : ok(check, detail);
}
