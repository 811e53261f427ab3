import { DATA_ROLES } from '../knowledge/types.js';
import type { AppModel, Workload } from './types.js';

/** Applied in this order: the namespace and data services, then one-shot jobs, then the apps that need them. */
export const LAYERS = ['data', 'jobs', 'apps'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Each service's layer: the data services, then the one-shot jobs, then the apps. The layers are
 * applied one after the other, each waiting for the one before (the runbook, Flux `dependsOn`, Argo
 * CD waves), so whatever a data service or a job waits for (depends_on) comes up with the data,
 * stateless or not: a job waiting for an app of the last layer would fail, and the apps never come
 * (airflow-init waits for the Redis broker).
 */
export function layersOf(model: AppModel): Map<string, Layer> {
  // An application that keeps files of its own (Mattermost's uploads) is a StatefulSet, but an app:
  // started with the data, it would write its schema into the empty database the copy then refuses.
  const dataServices = new Set(model.workloads.filter((w) => w.stateful && DATA_ROLES.has(w.role)).map((w) => w.name));
  const statefulApp = (w: Workload) =>
    w.stateful &&
    !DATA_ROLES.has(w.role) &&
    model.edges.some((e) => e.kind === 'depends_on' && e.from === w.name && dataServices.has(e.to));
  const out = new Map<string, Layer>(
    model.workloads.map((w) => [w.name, w.stateful && !statefulApp(w) ? 'data' : w.oneShot ? 'jobs' : 'apps']),
  );
  for (let moved = true; moved;) {
    moved = false;
    for (const e of model.edges)
      if (e.kind === 'depends_on' && out.get(e.from) !== 'apps' && out.get(e.to) === 'apps') {
        out.set(e.to, 'data');
        moved = true;
      }
  }
  return out;
}
