import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { closest } from './suggest.js';
import { originOf, pointer, type ComposeProject } from './types.js';

/**
 * The checks Compose makes after loading: every reference resolves, nothing is defined twice
 * where it must be unique, and dependencies form no cycle.
 */
export function checkProject(project: ComposeProject): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = Object.keys(project.services);
  const at = (...seg: (string | number)[]) => originOf(project, pointer(...seg));

  const serviceRef = (from: string, target: string, where: (string | number)[], what: string, required = true) => {
    if (project.services[target]) return;
    const disabledBy = project.disabled_services[target];
    if (disabledBy) {
      const profiles = disabledBy.join(', ');
      const d = required ? error : warning;
      out.push(
        d(
          'disabled-dependency',
          `${from} ${what} ${target}, which is only enabled with the profile ${profiles}`,
          at(...where),
          `enable it with --profile ${disabledBy[0]}, or give ${from} the same profile`,
        ),
      );
      return;
    }
    const guess = closest(target, names);
    out.push(
      error(
        'unknown-service',
        `${from} ${what} "${target}", which is not a service of this project`,
        at(...where),
        guess ? `did you mean "${guess}"?` : `services are: ${names.join(', ')}`,
      ),
    );
  };

  const published = new Map<string, string>();
  const RESTART = /^(no|always|unless-stopped|on-failure(:\d+)?)$/;
  const ports: { name: string; index: number; key: string; label: string; line: number; file: string }[] = [];
  const containerNames = new Map<string, string>();
  for (const [name, svc] of Object.entries(project.services)) {
    for (const [dep, d] of Object.entries(svc.depends_on))
      serviceRef(name, dep, ['services', name, 'depends_on', dep], 'depends on', d.required);
    (svc.links ?? []).forEach((l, i) =>
      serviceRef(name, l.split(':')[0] ?? l, ['services', name, 'links', i], 'links to'),
    );
    (svc.volumes_from ?? []).forEach((v, i) => {
      if (!v.startsWith('container:'))
        serviceRef(name, v.split(':')[0] ?? v, ['services', name, 'volumes_from', i], 'takes volumes from');
    });
    if (svc.network_mode?.startsWith('service:'))
      serviceRef(name, svc.network_mode.slice(8), ['services', name, 'network_mode'], 'shares the network of');
    if (
      svc.network_mode &&
      svc.networks &&
      !('default' in svc.networks && Object.keys(svc.networks).length === 1 && svc.networks.default === null)
    ) {
      out.push(
        error(
          'conflicting-options',
          `${name} sets both network_mode and networks, which cannot be combined`,
          at('services', name, 'network_mode'),
          'keep one of them',
        ),
      );
    }
    if (!svc.image && !svc.build) {
      out.push(
        error(
          'no-image',
          `service ${name} has neither an image nor a build context`,
          at('services', name),
          'add image: or build:',
        ),
      );
    }
    svc.volumes.forEach((v, i) => {
      if (v.type === 'volume' && v.source && !project.volumes[v.source]) {
        const guess = closest(v.source, Object.keys(project.volumes));
        out.push(
          error(
            'unknown-volume',
            `${name} mounts the named volume "${v.source}", which the top-level volumes section does not declare`,
            at('services', name, 'volumes', i),
            guess
              ? `did you mean "${guess}"?`
              : `declare it under the top-level volumes: key, or use ./${v.source} for a folder`,
          ),
        );
      }
    });
    for (const net of Object.keys(svc.networks ?? {})) {
      if (!project.networks[net]) {
        const guess = closest(net, Object.keys(project.networks));
        out.push(
          error(
            'unknown-network',
            `${name} joins the network "${net}", which the top-level networks section does not declare`,
            at('services', name, 'networks', net),
            guess ? `did you mean "${guess}"?` : 'declare it under the top-level networks: key',
          ),
        );
      }
    }
    for (const kind of ['secrets', 'configs'] as const) {
      svc[kind].forEach((s, i) => {
        if (!project[kind][s.source]) {
          out.push(
            error(
              kind === 'secrets' ? 'unknown-secret' : 'unknown-config',
              `${name} uses the ${kind === 'secrets' ? 'secret' : 'config'} "${s.source}", which the top-level ${kind} section does not declare`,
              at('services', name, kind, i),
              `declare it under the top-level ${kind}: key with file: or environment:`,
            ),
          );
        }
      });
    }
    svc.ports.forEach((p, i) => {
      if (p.published === undefined) return;
      const o = at('services', name, 'ports', i);
      ports.push({
        name,
        index: i,
        key: `${p.host_ip ?? '0.0.0.0'}:${p.published}/${p.protocol}`,
        label: `${p.published}/${p.protocol}`,
        line: o?.line ?? 0,
        file: o?.file ?? '',
      });
    });
    if (svc.restart !== undefined && !RESTART.test(svc.restart)) {
      out.push(
        error(
          'schema-value',
          `${name}: restart "${svc.restart}" is not a restart policy`,
          at('services', name, 'restart'),
          'use no, always, on-failure[:N] or unless-stopped',
        ),
      );
    }
    const condition = svc.deploy?.restart_policy?.condition;
    if (condition !== undefined && !['none', 'on-failure', 'any'].includes(condition)) {
      out.push(
        error(
          'schema-value',
          `${name}: deploy.restart_policy.condition "${condition}" is not one of none, on-failure, any`,
          at('services', name, 'deploy', 'restart_policy', 'condition'),
        ),
      );
    }
    if (svc.container_name) {
      const other = containerNames.get(svc.container_name);
      if (other)
        out.push(
          error(
            'duplicate-container-name',
            `${name} and ${other} both use container_name "${svc.container_name}"`,
            at('services', name, 'container_name'),
          ),
        );
      else containerNames.set(svc.container_name, name);
    }
  }
  // The later declaration in the file is the duplicate.
  ports.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  for (const p of ports) {
    const other = published.get(p.key);
    if (other === undefined) {
      published.set(p.key, p.name);
      continue;
    }
    const what =
      other === p.name
        ? `${p.name} publishes host port ${p.label} twice`
        : `${p.name} publishes host port ${p.label}, which ${other} already publishes`;
    // Docker refuses to start the second one, but in a cluster each Service has its own address:
    // the stack converts, and the user hears of it.
    out.push(
      warning(
        'duplicate-published-port',
        what,
        at('services', p.name, 'ports', p.index),
        'Docker would not start both; in Kubernetes each Service has its own address, so it converts',
      ),
    );
  }
  out.push(...dependencyCycles(project));
  return out;
}

function dependencyCycles(project: ComposeProject): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const from = cycle[cycle.length - 2] ?? name;
      out.push(
        error(
          'dependency-cycle',
          `services depend on each other in a cycle: ${cycle.join(' → ')}`,
          originOf(project, pointer('services', from, 'depends_on', name)),
          'remove one of the depends_on entries',
        ),
      );
      return;
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of Object.keys(project.services[name]?.depends_on ?? {})) if (project.services[dep]) visit(dep);
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of Object.keys(project.services)) visit(name);
  return out;
}
