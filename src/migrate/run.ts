import {
  MigrateError,
  type Endpoint,
  type EngineId,
  type Inspection,
  type RunOptions,
  type RunOutcome,
  type Verification,
} from './types.js';
import { hideSecret } from './url.js';
import { assertDistinct, engineFor } from './registry.js';

export { engineFor, engineFromUrl } from './registry.js';

export interface MigrationResult {
  readonly service: string;
  readonly engine: EngineId;
  readonly source: Inspection;
  readonly outcome?: RunOutcome;
  readonly verification?: Verification;
  /** The plain verdict: migrated and verified, or what went wrong. */
  readonly verdict: string;
  readonly ok: boolean;
  readonly seconds: number;
}

/**
 * One service's data move: look at both sides (a target that holds data is refused unless forced),
 * stream the data across, then compare source and target and say plainly whether they match.
 */
export async function migrateOne(
  service: string,
  engineId: EngineId,
  src: Endpoint,
  dst: Endpoint,
  options: RunOptions,
  onSource?: (source: Inspection) => void,
): Promise<MigrationResult> {
  const engine = engineFor(engineId);
  const started = Date.now();
  await assertDistinct(engine, src, dst);
  const source = await engine.inspect(src);
  if (source.missing)
    throw new MigrateError(`the source ${hideSecret(src.url)} does not exist: check the path (nothing was created)`);
  onSource?.(source);
  const target = await engine.inspect(dst);
  if (!target.empty && !options.force) {
    throw new MigrateError(
      `the target ${hideSecret(dst.url)} already holds ${target.objects} object${target.objects === 1 ? '' : 's'}: refusing to write into it. Use --force to replace what is there.`,
    );
  }
  // What would make the copy fail half-way (versions, tools, extensions, roles, space) stops it here.
  const failed = (await engine.preflight(src, dst, { source, target, options })).filter((c) => c.status === 'fail');
  if (failed.length)
    throw new MigrateError(
      `pre-flight: ${failed.map((c) => `${c.check}: ${c.detail}`).join('; ')}. Nothing was written.`,
    );
  const outcome = await engine.run(src, dst, options);
  const seconds = (Date.now() - started) / 1000;
  if (!outcome.ok)
    return { service, engine: engineId, source, outcome, verdict: `FAILED: ${outcome.error}`, ok: false, seconds };
  const verification = await engine.verify(src, dst, options);
  const verdict = verdictOf(verification);
  return {
    service,
    engine: engineId,
    source,
    outcome,
    verification,
    verdict,
    ok: verification.ok,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The plain verdict of a comparison: all equal, or which objects differ. */
export function verdictOf(v: Verification): string {
  const diff = v.items.filter((i) => !i.equal);
  const unchecked = v.notes?.length ? `; ${v.notes.join('; ')}` : '';
  return v.ok
    ? `OK: ${v.items.length} object${v.items.length === 1 ? '' : 's'} compared, all equal${unchecked}`
    : `MISMATCH: ${diff.length} of ${v.items.length} differ (${diff
        .slice(0, 5)
        .map((d) => d.object)
        .join(', ')}${diff.length > 5 ? ', …' : ''})`;
}
