import type { LintHit, LintRule } from '../types.js';
import { arr, get, obj, str, type Path, text } from '../workloads.js';

/** Every backend Service an Ingress names, with the path of the reference. */
function backends(spec: unknown): { name: string; port: unknown; path: Path }[] {
  const out: { name: string; port: unknown; path: Path }[] = [];
  const add = (b: unknown, path: Path) => {
    const name = str(get(b, ['service', 'name'])) ?? str(get(b, ['serviceName']));
    if (name) out.push({ name, port: get(b, ['service', 'port']) ?? get(b, ['servicePort']), path });
  };
  add(get(spec, ['defaultBackend']) ?? get(spec, ['backend']), ['spec', 'defaultBackend']);
  arr(get(spec, ['rules'])).forEach((r, i) =>
    arr(get(r, ['http', 'paths'])).forEach((p, j) =>
      add(obj(p).backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']),
    ),
  );
  return out;
}

const rule: LintRule = {
  id: 'dangling-ingress',
  severity: 'error',
  covers: ['kube-linter:dangling-ingress', 'kube-score:ingress-targets-service'],
  description: 'An Ingress sends traffic to a Service, or a Service port, that the input does not contain.',
  hint: 'Point the Ingress backend at an existing Service and one of its ports (by number or name).',
  check: (ctx) =>
    ctx.of('Ingress').flatMap((m) =>
      backends(m.object.spec).flatMap((b): LintHit[] => {
        const svc = ctx.find('Service', b.name, m.object);
        if (!svc) return [{ at: m, path: b.path, message: `the backend Service ${b.name} is not in the input` }];
        const number = get(b.port, ['number']) ?? (typeof b.port === 'number' ? b.port : undefined);
        const name = get(b.port, ['name']) ?? (typeof b.port === 'string' ? b.port : undefined);
        const ports = arr(get(svc.object, ['spec', 'ports'])).map(obj);
        const ok =
          number !== undefined
            ? ports.some((p) => p.port === number)
            : name !== undefined
              ? ports.some((p) => p.name === name)
              : true;
        return ok ? [] : [{ at: m, path: b.path, message: `Service ${b.name} has no port ${text(number ?? name)}` }];
      }),
    ),
};
export default rule;
