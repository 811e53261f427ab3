import path from 'node:path';
import { parseDotenv } from './dotenv.js';
import { listToMap } from './merge.js';
import { get, str, text, toPlain, type LMap, type LNode } from './node.js';
import { stringMap, type Norm } from './normalize.js';
import { parseDuration, parsePortSpec, parseSize, parseVolumeSpec, shellSplit } from './syntax.js';
import {
  pointer,
  type Build,
  type Dependency,
  type Deploy,
  type FileMount,
  type Healthcheck,
  type Port,
  type Service,
  type ServiceVolume,
} from './types.js';

const STRING_LISTS = new Set([
  'cap_add',
  'cap_drop',
  'security_opt',
  'dns',
  'dns_search',
  'dns_opt',
  'profiles',
  'links',
  'volumes_from',
  'external_links',
  'group_add',
  'tmpfs',
  'device_cgroup_rules',
]);
const SIZES = new Set(['shm_size', 'mem_limit', 'mem_reservation', 'memswap_limit']);
const BOOLEANS = new Set(['init', 'privileged', 'read_only', 'stdin_open', 'tty', 'oom_kill_disable']);
const NUMBERS = new Set([
  'oom_score_adj',
  'pids_limit',
  'cpu_count',
  'cpu_percent',
  'cpu_shares',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpus',
]);

/** One service in canonical long form. Diagnostics for unreadable values go to `n`. */
export function normalizeService(name: string, svc: LMap, n: Norm): Service {
  const base = pointer('services', name);
  const out: Service = {
    name,
    environment: {},
    ports: [],
    expose: [],
    volumes: [],
    depends_on: {},
    secrets: [],
    configs: [],
    labels: {},
  };
  const envFromFiles: Record<string, string> = {};
  let scale: { value: number; node: LNode } | undefined;
  for (const [key, pair] of svc.entries) {
    const node = pair.value;
    const ptr = base + pointer(key);
    n.at(ptr, node);
    switch (key) {
      case 'build':
        out.build = build(node, ptr, n);
        break;
      case 'command':
      case 'entrypoint':
        out[key] = command(node, n);
        break;
      case 'environment':
        for (const [k, p] of listToMap(node, 'environment').entries) {
          const v = p.value.kind === 'scalar' ? p.value.value : null;
          out.environment[k] = v === null ? (n.options.lookup(k) ?? null) : String(v);
          n.at(ptr + pointer(k), p.keyOrigin);
          if (p.value.kind === 'scalar' && p.value.template !== undefined)
            n.templates.set(ptr + pointer(k), p.value.template);
        }
        break;
      case 'env_file':
        out.env_file = envFiles(node, ptr, n, envFromFiles);
        break;
      case 'ports':
        out.ports = ports(node, ptr, n);
        break;
      case 'expose':
        out.expose = seqItems(node).map((i) => String(str(i) ?? ''));
        break;
      case 'volumes':
        out.volumes = volumes(node, ptr, n);
        break;
      case 'depends_on':
        out.depends_on = dependsOn(node, ptr, n);
        break;
      case 'healthcheck':
        out.healthcheck = healthcheck(node, ptr, n);
        break;
      case 'deploy':
        out.deploy = deploy(node, ptr, n);
        break;
      case 'networks': {
        out.networks = {};
        for (const [k, p] of listToMap(node, 'networks').entries) {
          out.networks[k] = p.value.kind === 'map' ? (toPlain(p.value) as Record<string, unknown>) : null;
          n.at(ptr + pointer(k), p.keyOrigin);
        }
        break;
      }
      case 'secrets':
      case 'configs':
        out[key] = fileMounts(node, ptr, n, key === 'secrets' ? '/run/secrets/' : '/');
        break;
      case 'labels':
      case 'annotations':
        out[key] = stringMap(listToMap(node, key));
        break;
      case 'sysctls':
        out.sysctls = stringMap(listToMap(node, 'sysctls'));
        break;
      case 'extra_hosts': {
        const hosts: Record<string, string[]> = {};
        for (const [k, p] of listToMap(node, 'extra_hosts').entries) {
          const v =
            p.value.kind === 'seq' ? p.value.items.map((i) => String(str(i) ?? '')) : [String(str(p.value) ?? '')];
          hosts[k] = [...(hosts[k] ?? []), ...v];
        }
        out.extra_hosts = hosts;
        break;
      }
      case 'ulimits': {
        const limits: Record<string, { soft: number; hard: number }> = {};
        if (node.kind === 'map') {
          for (const [k, p] of node.entries) {
            if (p.value.kind === 'scalar') {
              const v = num(p.value, n, true) ?? 0;
              limits[k] = { soft: v, hard: v };
            } else
              limits[k] = {
                soft: num(get(p.value, 'soft'), n, true) ?? 0,
                hard: num(get(p.value, 'hard'), n, true) ?? 0,
              };
          }
        }
        out.ulimits = limits;
        break;
      }
      case 'stop_grace_period':
        out.stop_grace_period = duration(node, n);
        break;
      case 'scale': {
        const value = num(node, n, true);
        if (value !== undefined) scale = { value, node };
        break;
      }
      case 'user':
      case 'image':
      case 'restart':
      case 'working_dir':
      case 'hostname':
      case 'container_name':
      case 'network_mode':
        if (str(node) !== undefined) out[key] = str(node);
        break;
      default:
        registerItems(ptr, node, n);
        if (SIZES.has(key)) out[key] = size(node, n);
        else if (BOOLEANS.has(key)) out[key] = bool(node, n);
        else if (NUMBERS.has(key)) out[key] = num(node, n, key !== 'cpus' && key !== 'cpu_percent');
        else if (STRING_LISTS.has(key)) out[key] = seqItems(node).map((i) => String(str(i) ?? ''));
        else out[key] = toPlain(node);
    }
  }
  // environment wins over env_file, which wins over nothing.
  for (const [k, v] of Object.entries(envFromFiles)) if (!(k in out.environment)) out.environment[k] = v;
  out.environment = sortKeys(out.environment);
  if (scale) {
    const replicas = out.deploy?.replicas;
    if (replicas !== undefined && replicas !== scale.value) {
      n.error(
        'scale-conflict',
        `scale (${scale.value}) and deploy.replicas (${replicas}) disagree`,
        scale.node,
        'keep only deploy.replicas',
      );
    } else out.deploy = { ...out.deploy, replicas: scale.value };
  }
  return out;
}

/** Origins for the items of a value carried as written, so a diagnostic can point at one item. */
function registerItems(ptr: string, node: LNode, n: Norm): void {
  if (node.kind === 'seq') node.items.forEach((item, i) => registerItems(`${ptr}/${i}`, item, n));
  else if (node.kind === 'map') for (const [k, p] of node.entries) registerItems(ptr + pointer(k), p.value, n);
  n.at(ptr, node);
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function seqItems(node: LNode): LNode[] {
  return node.kind === 'seq' ? node.items : node.kind === 'scalar' && node.value !== null ? [node] : [];
}

/** A number from a value the schema lets be a string (it may come from interpolation). */
export function num(node: LNode | undefined, n: Norm, integer = false): number | undefined {
  if (node?.kind !== 'scalar' || node.value === null || node.value === '') return undefined;
  const v = typeof node.value === 'number' ? node.value : Number(String(node.value).trim());
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || typeof node.value === 'boolean') {
    n.error(
      'schema-type',
      `${node.origin.path || 'this value'} must be ${integer ? 'a whole number' : 'a number'}, not ${JSON.stringify(node.value)}`,
      node,
    );
    return undefined;
  }
  return v;
}

/** true/false from a value the schema lets be a string. */
export function bool(node: LNode | undefined, n: Norm): boolean | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  const s = String(node.value).toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true;
  if (['false', 'no', 'n', 'off', '0'].includes(s)) return false;
  n.error(
    'schema-type',
    `${node.origin.path || 'this value'} must be true or false, not ${JSON.stringify(node.value)}`,
    node,
  );
  return undefined;
}

function duration(node: LNode, n: Norm): number | undefined {
  if (node.kind !== 'scalar' || node.value === null) return undefined;
  const ms = parseDuration(node.value as string | number);
  if (ms === undefined)
    n.error('invalid-duration', `"${node.value}" is not a duration`, node, 'write it like 30s, 1m30s, 500ms or 1h');
  return ms;
}

function size(node: LNode, n: Norm): number | undefined {
  if (node.kind !== 'scalar' || node.value === null) return undefined;
  if (node.value === -1 || node.value === '-1') return -1;
  const bytes = parseSize(node.value as string | number);
  if (bytes === undefined)
    n.error(
      'invalid-size',
      `"${node.value}" is not a byte size`,
      node,
      'write it like 512m, 1g, 256k or a number of bytes',
    );
  return bytes;
}

function command(node: LNode, n: Norm): string[] | null {
  if (node.kind === 'seq') return node.items.map((i) => String(str(i) ?? ''));
  if (node.kind === 'scalar' && node.value !== null) {
    const words = shellSplit(String(node.value));
    if (typeof words === 'string') {
      n.error(
        'schema-value',
        `this command cannot be split into words: ${words}`,
        node,
        'close the quote, or write the command as a list',
      );
      return [String(node.value)];
    }
    return words;
  }
  return null;
}

function build(node: LNode, ptr: string, n: Norm): Build {
  if (node.kind === 'scalar') return { context: String(node.value ?? '.'), dockerfile: 'Dockerfile' };
  const plain = toPlain(node) as Record<string, unknown>;
  const out: Build = { ...plain, context: text(plain.context ?? n.options.workingDir) };
  if (out.dockerfile === undefined && out.dockerfile_inline === undefined) out.dockerfile = 'Dockerfile';
  const args = get(node, 'args');
  if (args) {
    const map: Record<string, string | null> = {};
    for (const [k, p] of listToMap(args, 'args').entries) {
      const v = p.value.kind === 'scalar' ? p.value.value : null;
      map[k] = v === null ? (n.options.lookup(k) ?? null) : String(v);
    }
    out.args = map;
  }
  const labels = get(node, 'labels');
  if (labels) out.labels = stringMap(listToMap(labels, 'labels'));
  n.at(ptr + '/context', get(node, 'context') ?? node);
  return out;
}

function envFiles(node: LNode, ptr: string, n: Norm, into: Record<string, string>) {
  const refs: { path: string; required: boolean; format?: string }[] = [];
  seqItems(node).forEach((item, i) => {
    const file = item.kind === 'map' ? str(get(item, 'path')) : str(item);
    if (!file) return;
    const requiredNode = get(item, 'required');
    const required = bool(requiredNode, n) ?? true;
    const format = str(get(item, 'format'));
    refs.push({ path: file, required, ...(format ? { format } : {}) });
    n.at(`${ptr}/${i}`, item);
    let text: string | undefined;
    try {
      text = n.options.sources.get(file) ?? n.options.fs.readText(file);
    } catch (e) {
      n.error('file-unreadable', `cannot read env file ${file}: ${(e as Error).message}`, item);
      return;
    }
    if (text === undefined) {
      if (required)
        n.error(
          'env-file-not-found',
          `env file ${path.basename(file)} does not exist (looked for ${file})`,
          item,
          envExampleHint(file, n),
        );
      return;
    }
    n.options.sources.set(file, text);
    const parsed = parseDotenv(file, text, n.options.lookup, format === 'raw');
    n.diagnostics.push(...parsed.diagnostics);
    for (const [k, v] of parsed.value) {
      if (v.value === undefined) continue;
      into[k] = v.value;
      n.at(ptr.replace(/\/env_file$/, '/environment') + pointer(k), v.origin);
    }
  });
  return refs;
}

function envExampleHint(file: string, n: Norm): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const candidates = [
    `${base}.example`,
    `${base}.sample`,
    `${base}.dist`,
    `${base.replace(/\.env$/, '')}.env.example`,
    '.env.example',
    'env.example',
  ].map((c) => path.join(dir, c));
  const example = candidates.find((c) => c !== file && n.options.fs.isFile(c));
  return example
    ? `create it from the example beside it: cp ${path.relative(process.cwd(), example)} ${path.relative(process.cwd(), file)} (then edit the values), or mark it required: false`
    : 'create it with the variables the service needs, or mark it required: false';
}

function ports(node: LNode, ptr: string, n: Norm): Port[] {
  const out: Port[] = [];
  for (const item of seqItems(node)) {
    if (item.kind === 'map') {
      const p = toPlain(item) as Record<string, unknown>;
      const spec: Port = {
        target: num(get(item, 'target'), n, true) ?? 0,
        protocol: text(p.protocol ?? 'tcp'),
        mode: text(p.mode ?? 'ingress'),
      };
      if (p.published !== undefined && p.published !== null && p.published !== '') spec.published = text(p.published);
      if (p.host_ip) spec.host_ip = text(p.host_ip);
      if (p.name) spec.name = text(p.name);
      if (p.app_protocol) spec.app_protocol = text(p.app_protocol);
      n.at(`${ptr}/${out.length}`, item);
      out.push(spec);
      continue;
    }
    const parsed = parsePortSpec(String(str(item) ?? ''));
    if (typeof parsed === 'string') {
      n.error(
        'invalid-port',
        `invalid port "${str(item)}": ${parsed}`,
        item,
        'write it as [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], e.g. "8080:80"',
      );
      continue;
    }
    for (const p of parsed) {
      n.at(`${ptr}/${out.length}`, item);
      out.push(p);
    }
  }
  return out;
}

function volumes(node: LNode, ptr: string, n: Norm): ServiceVolume[] {
  const out: ServiceVolume[] = [];
  for (const item of seqItems(node)) {
    if (item.kind === 'map') {
      const v = toPlain(item) as ServiceVolume;
      const tmpfs = get(item, 'tmpfs');
      const tmpfsSize = get(tmpfs, 'size');
      if (tmpfsSize) v.tmpfs = { ...v.tmpfs, size: size(tmpfsSize, n) };
      if (v.type === 'bind') v.bind = { create_host_path: true, ...v.bind };
      if (v.type === 'bind' && v.source) v.source = path.resolve(n.options.workingDir, v.source);
      n.at(`${ptr}/${out.length}`, item);
      out.push(v);
      continue;
    }
    const parsed = parseVolumeSpec(String(str(item) ?? ''));
    if (typeof parsed === 'string') {
      const emptySource = String(str(item) ?? '').startsWith(':');
      n.error(
        'invalid-volume',
        `invalid volume "${str(item)}": ${emptySource ? 'the source is empty' : parsed}`,
        item,
        emptySource
          ? 'an empty source usually means the variable that names it is not set (see the warning on this line)'
          : 'write it as SOURCE:TARGET[:ro], e.g. "data:/var/lib/data" or "./conf:/etc/app:ro"',
      );
      continue;
    }
    if (parsed.type === 'bind' && parsed.source && !/^[A-Za-z]:\\/.test(parsed.source))
      parsed.source = path.resolve(n.options.workingDir, parsed.source);
    n.at(`${ptr}/${out.length}`, item);
    out.push({ ...parsed });
  }
  return out;
}

function dependsOn(node: LNode, ptr: string, n: Norm): Record<string, Dependency> {
  const out: Record<string, Dependency> = {};
  for (const [k, p] of listToMap(node, 'depends_on').entries) {
    const v = p.value;
    const condition = (str(get(v, 'condition')) ?? 'service_started') as Dependency['condition'];
    out[k] = { condition, required: bool(get(v, 'required'), n) ?? true, restart: bool(get(v, 'restart'), n) ?? false };
    n.at(ptr + pointer(k), p.keyOrigin);
  }
  return sortKeys(out);
}

function healthcheck(node: LNode, ptr: string, n: Norm): Healthcheck {
  const out: Healthcheck = {};
  if (node.kind !== 'map') return out;
  for (const [k, p] of node.entries) {
    n.at(ptr + pointer(k), p.value);
    const v = p.value;
    if (k === 'test') {
      if (v.kind === 'scalar' && v.value !== null) out.test = ['CMD-SHELL', String(v.value)];
      else if (v.kind === 'seq') out.test = v.items.map((i) => String(str(i) ?? ''));
      if (out.test?.[0] === 'NONE') {
        out.disable = true;
        delete out.test;
      }
    } else if (k === 'disable') out.disable = out.disable || bool(v, n) === true;
    else if (k === 'retries') {
      const r = num(v, n, true);
      if (r !== undefined) out.retries = r;
    } else if (k === 'interval' || k === 'timeout' || k === 'start_period' || k === 'start_interval') {
      const ms = duration(v, n);
      if (ms !== undefined) out[k] = ms;
    }
  }
  return out;
}

function deploy(node: LNode, ptr: string, n: Norm): Deploy {
  if (node.kind !== 'map') return {};
  const out = toPlain(node) as Deploy;
  registerItems(ptr, node, n);
  const replicas = get(node, 'replicas');
  if (replicas) out.replicas = num(replicas, n, true);
  const restartNode = get(node, 'restart_policy');
  const attempts = get(restartNode, 'max_attempts');
  if (attempts && out.restart_policy) out.restart_policy.max_attempts = num(attempts, n, true);
  const perNode = get(get(node, 'placement'), 'max_replicas_per_node');
  if (perNode && out.placement) out.placement.max_replicas_per_node = num(perNode, n, true);
  const resources = get(node, 'resources');
  for (const kind of ['limits', 'reservations'] as const) {
    const r = get(resources, kind);
    const target = out.resources?.[kind];
    if (!r || !target) continue;
    const cpus = get(r, 'cpus');
    if (cpus) target.cpus = num(cpus, n);
    const pids = get(r, 'pids');
    if (pids) target.pids = num(pids, n, true);
    const memory = get(r, 'memory');
    if (memory) target.memory = size(memory, n);
    n.at(`${ptr}/resources/${kind}`, r);
  }
  const restart = get(node, 'restart_policy');
  if (restart && out.restart_policy) {
    for (const k of ['delay', 'window'] as const) {
      const d = get(restart, k);
      if (d) out.restart_policy[k] = duration(d, n);
    }
  }
  for (const cfg of ['update_config', 'rollback_config']) {
    const c = get(node, cfg);
    const target = out[cfg] as Record<string, unknown> | undefined;
    if (!c || !target) continue;
    for (const k of ['delay', 'monitor']) {
      const d = get(c, k);
      if (d) target[k] = duration(d, n);
    }
  }
  const labels = get(node, 'labels');
  if (labels) out.labels = stringMap(listToMap(labels, 'labels'));
  return out;
}

function fileMounts(node: LNode, ptr: string, n: Norm, defaultDir: string): FileMount[] {
  const out: FileMount[] = [];
  seqItems(node).forEach((item, i) => {
    n.at(`${ptr}/${i}`, item);
    if (item.kind === 'scalar') {
      const source = String(item.value ?? '');
      out.push({ source, target: defaultDir + source });
      return;
    }
    const p = toPlain(item) as Record<string, unknown>;
    const source = text(p.source ?? '');
    let target = p.target === undefined ? defaultDir + source : text(p.target);
    if (!target.startsWith('/')) target = defaultDir + target;
    const m: FileMount = { source, target };
    if (p.uid !== undefined) m.uid = text(p.uid);
    if (p.gid !== undefined) m.gid = text(p.gid);
    if (p.mode !== undefined) m.mode = num(get(item, 'mode'), n, true);
    out.push(m);
  });
  return out;
}
