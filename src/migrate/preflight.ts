import { tail } from '../io/exec.js';
import { fail, ok, warning } from './checks.js';
import { assertDistinct, engineFor } from './registry.js';
import { humanBytes } from './report.js';
import type { Endpoint, EngineId, Inspection, PreflightCheck, RunOptions } from './types.js';
import { hideSecret } from './url.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The downtime to plan for, from the measured size: a range between a fast link (about what
 * `npm run bench:migrate` measures for PostgreSQL on one machine) and a slow one, plus verification.
 */
export function copyTime(bytes: number): string {
  const at = (mbPerSecond: number) => {
    const s = bytes / (mbPerSecond * 1e6);
    return s < 90
      ? `${Math.max(1, Math.round(s))} s`
      : s < 5400
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;
  };
  return `${humanBytes(bytes)}: about ${at(100)} at 100 MB/s, ${at(10)} at 10 MB/s; verification reads both sides again (up to as long as the copy)`;
}

/**
 * A side the plan makes only at the copy, so that the pre-flight cannot read it yet (a helper pod on
 * a claim, a snapshot of a stopped container), with what to say of it instead; the run reads it.
 */
export interface MadeLater {
  readonly source?: string;
  readonly target?: string;
}

/**
 * Everything that must hold before a move writes anything, read from both sides and never written:
 * both reachable, the source there and not the target, the target empty (or --force), and the
 * engine's own checks (versions, tools, extensions, roles, memory, space).
 */
export async function preflight(
  engineId: EngineId,
  src: Endpoint,
  dst: Endpoint,
  options: RunOptions,
  later: MadeLater = {},
): Promise<PreflightCheck[]> {
  const engine = engineFor(engineId);
  const checks: PreflightCheck[] = [];
  const look = async (side: 'source' | 'target', ep: Endpoint): Promise<Inspection | undefined> => {
    const made = later[side];
    if (made) {
      checks.push(warning(`${side} reachable`, made));
      return undefined;
    }
    try {
      const i = await engine.inspect(ep);
      checks.push(ok(`${side} reachable`, hideSecret(ep.url)));
      return i;
    } catch (e) {
      checks.push(fail(`${side} reachable`, message(e)));
      return undefined;
    }
  };
  const [source, target] = [await look('source', src), await look('target', dst)];
  if (source?.missing) checks.push(fail('source holds the data', `${hideSecret(src.url)} does not exist`));
  else if (source?.empty) checks.push(warning('source holds the data', 'the source is empty: nothing to move'));
  else if (source)
    checks.push(
      ok(
        'source holds the data',
        `${source.objects} object${source.objects === 1 ? '' : 's'}${source.sizeBytes !== undefined ? `, ${humanBytes(source.sizeBytes)}` : ''}`,
      ),
    );
  if (source?.sizeBytes) checks.push(ok('copy time', copyTime(source.sizeBytes)));
  if (target && !target.empty)
    checks.push(
      options.force
        ? warning(
            'target is empty',
            `holds ${target.objects} object${target.objects === 1 ? '' : 's'}: --force replaces them`,
          )
        : fail(
            'target is empty',
            `holds ${target.objects} object${target.objects === 1 ? '' : 's'}: the run refuses it (--force replaces them)`,
          ),
    );
  else if (target) checks.push(ok('target is empty', target.missing ? 'not there yet: the run creates it' : 'empty'));
  if (!source || !target) return checks;
  try {
    await assertDistinct(engine, src, dst);
    checks.push(ok('source and target are apart', 'two different data sets'));
  } catch (e) {
    checks.push(fail('source and target are apart', message(e)));
    return checks;
  }
  try {
    checks.push(...(await engine.preflight(src, dst, { source, target, options })));
  } catch (e) {
    checks.push(fail(`${engine.id} checks`, tail(message(e), 3)));
  }
  return checks;
}
