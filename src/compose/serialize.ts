import { stringify } from 'yaml';
import { formatDuration } from './syntax.js';
import type { ComposeProject, Service } from './types.js';

const SERVICE_DURATIONS = ['stop_grace_period'];
const HEALTH_DURATIONS = ['interval', 'timeout', 'start_period', 'start_interval'];

/**
 * The project as a Compose document (what `docker compose config` prints): valid Compose that
 * reads back to the same project. Keys sorted, durations in Go form, sizes in bytes.
 */
export function toComposeDocument(project: ComposeProject): Record<string, unknown> {
  const doc: Record<string, unknown> = { name: project.name };
  doc.services = Object.fromEntries(
    Object.entries(project.services).map(([name, svc]) => [name, serviceDocument(svc)]),
  );
  for (const k of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    if (Object.keys(project[k]).length) doc[k] = project[k];
  }
  if (project.models) doc.models = project.models;
  Object.assign(doc, project.extensions);
  return escapeDollars(sortDeep(doc)) as Record<string, unknown>;
}

function serviceDocument(svc: Service): Record<string, unknown> {
  const { name: _name, ...rest } = svc;
  const out: Record<string, unknown> = { ...rest };
  for (const k of ['ports', 'expose', 'volumes', 'secrets', 'configs'] as const)
    if ((out[k] as unknown[]).length === 0) delete out[k];
  for (const k of ['environment', 'labels', 'depends_on'] as const)
    if (Object.keys(out[k] as object).length === 0) delete out[k];
  for (const k of SERVICE_DURATIONS) if (typeof out[k] === 'number') out[k] = formatDuration(out[k]);
  if (svc.healthcheck) {
    const h: Record<string, unknown> = { ...svc.healthcheck };
    for (const k of HEALTH_DURATIONS) if (typeof h[k] === 'number') h[k] = formatDuration(h[k]);
    out.healthcheck = h;
  }
  if (svc.deploy) {
    const d: Record<string, unknown> = { ...svc.deploy };
    if (svc.deploy.restart_policy) d.restart_policy = formatDurations(svc.deploy.restart_policy, ['delay', 'window']);
    for (const cfg of ['update_config', 'rollback_config']) {
      if (d[cfg]) d[cfg] = formatDurations(d[cfg] as Record<string, unknown>, ['delay', 'monitor']);
    }
    out.deploy = d;
  }
  return out;
}

function formatDurations(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out = { ...obj };
  for (const k of keys) if (typeof out[k] === 'number') out[k] = formatDuration(out[k]);
  return out;
}

/** A literal `$` is written `$$`, so that reading the output back gives the same values. */
function escapeDollars(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$');
  if (Array.isArray(value)) return value.map(escapeDollars);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeDollars(v)]));
  return value;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortDeep(v)]));
  }
  return value;
}

export function toComposeYaml(project: ComposeProject): string {
  return stringify(toComposeDocument(project), { lineWidth: 0, aliasDuplicateObjects: false });
}

export function toComposeJson(project: ComposeProject): string {
  return JSON.stringify(toComposeDocument(project), null, 2) + '\n';
}
