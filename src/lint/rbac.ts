import type { LintContext } from './context.js';
import type { LintHit, Manifest } from './types.js';
import { arr, get, obj, str } from './workloads.js';

/** Built-in ClusterRoles and what they give, for bindings to roles that are not in the input. */
const BUILT_IN: Record<string, { resources: string[]; verbs: string[] }[]> = {
  'cluster-admin': [{ resources: ['*'], verbs: ['*'] }],
  admin: [
    {
      resources: ['secrets', 'pods', 'deployments', 'statefulsets', 'replicasets', 'jobs', 'cronjobs', 'daemonsets'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    },
  ],
  edit: [
    {
      resources: ['secrets', 'pods', 'deployments', 'statefulsets', 'replicasets', 'jobs', 'cronjobs', 'daemonsets'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    },
  ],
};

function rulesOf(ctx: LintContext, binding: Manifest): { resources: string[]; verbs: string[] }[] {
  const kind = str(get(binding.object, ['roleRef', 'kind'])) ?? 'ClusterRole';
  const name = str(get(binding.object, ['roleRef', 'name'])) ?? '';
  const role =
    kind === 'ClusterRole'
      ? ctx.of('ClusterRole').find((m) => m.object.metadata.name === name)
      : ctx.find('Role', name, binding.object);
  if (!role) return kind === 'ClusterRole' ? (BUILT_IN[name] ?? []) : [];
  return arr(role.object.rules).map((r) => ({
    resources: arr(obj(r).resources).map(String),
    verbs: arr(obj(r).verbs).map(String),
  }));
}

/** Bindings whose role grants one of `verbs` on one of `resources` (a `*` grants everything). */
export function bindingsGranting(
  ctx: LintContext,
  resources: readonly string[],
  verbs: readonly string[],
  what: string,
): LintHit[] {
  return ctx.of('RoleBinding', 'ClusterRoleBinding').flatMap((m) => {
    const grants = rulesOf(ctx, m).some(
      (r) =>
        r.resources.some((x) => x === '*' || resources.includes(x)) &&
        r.verbs.some((v) => v === '*' || verbs.includes(v)),
    );
    if (!grants) return [];
    const subjects = arr(m.object.subjects).map((s) => `${str(obj(s).kind) ?? '?'} ${str(obj(s).name) ?? '?'}`);
    return [
      {
        at: m,
        path: ['roleRef'],
        message: `${m.object.kind} ${m.object.metadata.name ?? ''} gives ${subjects.join(', ') || 'its subjects'} ${what}`,
      },
    ];
  });
}
