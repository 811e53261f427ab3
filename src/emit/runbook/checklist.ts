import { podSpecOf, type Rendered } from '../environments.js';

const SERVING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** One line of the resilience checklist: ticked only when every object it concerns has it. */
export interface Check {
  readonly what: string;
  readonly ok: boolean;
  /** The objects that lack it. */
  readonly missing: string[];
}

/** The resilience checklist, read from the production objects themselves. */
export function resilienceChecklist(objects: readonly Rendered[], databases: readonly string[]): Check[] {
  const workloads = objects.filter((r) => SERVING.has(r.json.kind) && r.main);
  const names = (rs: readonly Rendered[]) => rs.map((r) => `${r.json.kind} ${r.json.metadata.name}`);
  const present = new Set(objects.map((r) => `${r.json.kind}/${r.json.metadata.name}`));
  const has = (kind: string, name: string) => present.has(`${kind}/${name}`);
  const backedUp = new Set(objects.flatMap((r) => (r.backup && r.service ? [r.service] : [])));
  const containers = objects.flatMap((r) =>
    [...(podSpecOf(r.json)?.initContainers ?? []), ...(podSpecOf(r.json)?.containers ?? [])].map((c) => ({ r, c })),
  );
  const ns = objects.find((r) => r.json.kind === 'Namespace');
  const enforce = ns?.json.metadata.labels?.['pod-security.kubernetes.io/enforce'];
  const check = (what: string, missing: string[]): Check => ({ what, ok: missing.length === 0, missing });
  return [
    check(
      'a readiness probe on every serving workload',
      names(workloads.filter((r) => !podSpecOf(r.json)?.containers?.[0]?.readinessProbe)),
    ),
    check(
      'a liveness probe on every serving workload',
      names(workloads.filter((r) => !podSpecOf(r.json)?.containers?.[0]?.livenessProbe)),
    ),
    check(
      'a PodDisruptionBudget for every workload with two or more replicas',
      names(
        workloads.filter((r) => (r.json.spec?.replicas ?? 1) >= 2 && !has('PodDisruptionBudget', r.json.metadata.name)),
      ),
    ),
    check('CPU and memory limits on every container', [
      ...new Set(
        containers
          .filter(({ c }) => !c.resources?.limits?.cpu || !c.resources.limits.memory)
          .map(({ r, c }) => `${r.json.kind} ${r.json.metadata.name} (${c.name})`),
      ),
    ]),
    check(
      'a backup CronJob for every database',
      databases.filter((d) => !backedUp.has(d)),
    ),
    check(
      'a NetworkPolicy that denies what no other policy admits',
      objects.some((r) => r.json.kind === 'NetworkPolicy' && !r.service) ? [] : ['in the namespace'],
    ),
    check('Pod Security enforced on the namespace', enforce ? [] : ['Namespace (no enforce label)']),
    check('every image pinned to a version', [
      ...new Set(
        containers
          .filter(({ c }) => !c.image || /:latest$/.test(c.image) || !/[:@]/.test(c.image.split('/').pop() ?? ''))
          .map(({ c }) => c.image ?? c.name),
      ),
    ]),
  ];
}
