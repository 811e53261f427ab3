import type { Endpoint, PlanStep } from '../index.js';
import type { Lib } from './migrate.js';

/** One move of a run: a plan's step, or one database of a step whose server holds several. */
export interface Unit {
  readonly step: PlanStep;
  /** The plan's own step: its endpoints reach both servers while this unit's database is still to be made. */
  readonly via: PlanStep;
  /** A database the target's server lacks: the run creates it first, as the source has it. */
  readonly create?: string;
  /** What it holds on the source (relations, functions, large objects). */
  readonly objects?: number;
}

/**
 * A plan's step for a server that holds several databases (PostgreSQL: the one POSTGRES_DB names,
 * and those the application made itself) becomes one move per database that holds data, the plan's
 * own first, each labelled `service (database name)`. Read only: it lists, it creates nothing.
 */
export async function perDatabase(
  lib: Lib,
  list: readonly PlanStep[],
  endpointsOf: (s: PlanStep) => [Endpoint, Endpoint],
): Promise<Unit[]> {
  const out: Unit[] = [];
  for (const s of list) {
    const engine = lib.engineFor(s.engine);
    if (!engine.databases || !engine.withDatabase) {
      out.push({ step: s, via: s });
      continue;
    }
    const [src, dst] = endpointsOf(s);
    const dbs = await engine.databases(src, dst);
    // Nothing that holds data but a system schema the URL names: the step as the plan has it.
    if (!dbs.length) {
      out.push({ step: s, via: s });
      continue;
    }
    const [own] = dbs;
    if (dbs.length === 1 && own?.own && own.onTarget) {
      out.push({ step: s, via: s });
      continue;
    }
    const rename = engine.withDatabase.bind(engine);
    for (const d of dbs)
      out.push({
        step: {
          ...s,
          service: `${s.service} (database ${d.name})`,
          source: { ...s.source, url: rename(s.source.url, d.name) },
          target: { ...s.target, url: rename(s.target.url, d.name) },
        },
        via: s,
        objects: d.objects,
        ...(d.onTarget ? {} : { create: d.name }),
      });
  }
  return out;
}
