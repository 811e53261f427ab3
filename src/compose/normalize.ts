import { error, type Diagnostic, type Origin, type Result } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../io/fs.js';
import type { Lookup } from './interpolate.js';
import { listToMap } from './merge.js';
import { get, str, toPlain, type LMap, type LNode } from './node.js';
import { normalizeService } from './normalize-service.js';
import { pointer, type ComposeProject, type Network, type SecretOrConfig, type Volume } from './types.js';

export interface NormalizeOptions {
  readonly name: string;
  readonly workingDir: string;
  readonly files: string[];
  readonly profiles: string[];
  readonly lookup: Lookup;
  readonly fs: FileSystem;
  /** Files read so far; env files read while normalizing are added, so diagnostics can quote them. */
  readonly sources: Map<string, string>;
}

/** Shared state of one normalization: where diagnostics and origins go. */
export class Norm {
  readonly diagnostics: Diagnostic[] = [];
  readonly origins = new Map<string, Origin>();
  readonly templates = new Map<string, string>();
  constructor(readonly options: NormalizeOptions) {}

  at(ptr: string, node: LNode | Origin): void {
    this.origins.set(ptr, 'kind' in node ? node.origin : node);
  }

  error(code: Parameters<typeof error>[0], message: string, node: LNode | Origin, hint?: string): void {
    this.diagnostics.push(error(code, message, 'kind' in node ? node.origin : node, hint));
  }
}

/** The merged tree as a typed, canonical {@link ComposeProject}, profiles applied. */
export function normalizeProject(root: LMap, options: NormalizeOptions): Result<ComposeProject> {
  const n = new Norm(options);
  const project: ComposeProject = {
    name: options.name,
    working_dir: options.workingDir,
    files: options.files,
    profiles: options.profiles,
    services: {},
    disabled_services: {},
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
    extensions: {},
    origins: n.origins,
    templates: n.templates,
  };
  n.at('', root);
  const active = new Set(options.profiles);
  const services = get(root, 'services');
  let usesDefaultNetwork = false;
  if (services?.kind === 'map') {
    for (const [name, pair] of [...services.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (pair.value.kind !== 'map') continue;
      const profiles = get(pair.value, 'profiles');
      const list = profiles?.kind === 'seq' ? profiles.items.map((p) => str(p) ?? '') : [];
      if (list.length && !active.has('*') && !list.some((p) => active.has(p))) {
        project.disabled_services[name] = list;
        n.at(pointer('disabled_services', name), pair.keyOrigin);
        continue;
      }
      n.at(pointer('services', name), pair.keyOrigin);
      const svc = normalizeService(name, pair.value, n);
      if (!svc.networks && !svc.network_mode) {
        svc.networks = { default: null };
        usesDefaultNetwork = true;
      } else if (svc.networks && 'default' in svc.networks) {
        // Compose defines `default` itself: naming it (`networks: [default]`) needs no declaration.
        usesDefaultNetwork = true;
      }
      project.services[name] = svc;
    }
  }
  project.networks = resources<Network>(root, 'networks', n, options.name);
  if (usesDefaultNetwork && !project.networks.default) project.networks.default = { name: `${options.name}_default` };
  project.volumes = resources<Volume>(root, 'volumes', n, options.name);
  project.secrets = resources<SecretOrConfig>(root, 'secrets', n, options.name);
  project.configs = resources<SecretOrConfig>(root, 'configs', n, options.name);
  const models = get(root, 'models');
  if (models) project.models = toPlain(models) as Record<string, unknown>;
  for (const [k, p] of root.entries) {
    if (k.startsWith('x-')) {
      project.extensions[k] = toPlain(p.value);
      n.at(pointer('extensions', k), p.keyOrigin);
    }
  }
  return { value: project, diagnostics: n.diagnostics };
}

function resources<T extends { name: string }>(root: LMap, kind: string, n: Norm, project: string): Record<string, T> {
  const out: Record<string, T> = {};
  const defs = get(root, kind);
  if (defs?.kind !== 'map') return out;
  for (const [key, pair] of [...defs.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ptr = pointer(kind, key);
    n.at(ptr, pair.keyOrigin);
    const plain = (pair.value.kind === 'map' ? toPlain(pair.value) : {}) as Record<string, unknown>;
    const external = plain.external;
    if (external && typeof external === 'object') {
      // Legacy `external: {name: x}`.
      const legacyName = (external as { name?: unknown }).name;
      plain.external = true;
      if (typeof legacyName === 'string' && plain.name === undefined) plain.name = legacyName;
    }
    if (pair.value.kind === 'map') {
      for (const [k, p] of pair.value.entries) n.at(ptr + pointer(k), p.value);
      const labels = get(pair.value, 'labels');
      if (labels) plain.labels = stringMap(listToMap(labels, 'labels'));
    }
    if (plain.name === undefined) plain.name = plain.external === true ? key : `${project}_${key}`;
    out[key] = plain as T;
  }
  return out;
}

/** A list-or-dict attribute as a string map; an empty value becomes "". */
export function stringMap(map: LMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, p] of map.entries)
    out[k] = p.value.kind === 'scalar' && p.value.value !== null ? String(p.value.value) : '';
  return out;
}
