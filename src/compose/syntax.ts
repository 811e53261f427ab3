/**
 * Parsers for Compose's short syntaxes (ports, volumes, durations, byte sizes, shell words),
 * shared by the merge (which needs each entry's unique key) and the normalizer.
 */

export interface PortSpec {
  target: number;
  published?: string;
  host_ip?: string;
  protocol: string;
  mode: string;
}

/**
 * `[HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]`; a range expands to one entry per port.
 * Returns an error message for a spec that cannot be read.
 */
export function parsePortSpec(spec: string | number): PortSpec[] | string {
  const text = String(spec).trim();
  let rest = text;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!/^(tcp|udp|sctp)$/.test(protocol)) return `unknown protocol "${protocol}" (tcp, udp or sctp)`;
  }
  let hostIp: string | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  let parts: string[];
  if (v6) {
    hostIp = v6[1];
    parts = (v6[2] ?? '').split(':');
    if (parts.length === 1) parts = ['', ...parts];
  } else {
    parts = rest.split(':');
    if (parts.length === 3) {
      hostIp = parts[0];
      parts = parts.slice(1);
    } else if (parts.length > 3) return `"${text}" has too many ':' separated parts`;
  }
  const container = parts[parts.length - 1] ?? '';
  const host = parts.length === 2 ? parts[0] : undefined;
  const cr = parseRange(container);
  if (typeof cr === 'string') return `container port ${cr}`;
  let hr: [number, number] | undefined;
  if (host !== undefined && host !== '') {
    const r = parseRange(host);
    if (typeof r === 'string') return `host port ${r}`;
    hr = r;
  }
  const count = cr[1] - cr[0] + 1;
  if (hr && hr[1] - hr[0] + 1 !== count && hr[1] !== hr[0]) {
    if (!(count === 1)) return `the host range ${host} and the container range ${container} differ in length`;
  }
  const out: PortSpec[] = [];
  for (let i = 0; i < count; i++) {
    const p: PortSpec = { target: cr[0] + i, protocol, mode: 'ingress' };
    if (hr) p.published = count === 1 && hr[1] !== hr[0] ? `${hr[0]}-${hr[1]}` : String(hr[0] + i);
    if (hostIp !== undefined && hostIp !== '') p.host_ip = hostIp;
    out.push(p);
  }
  return out;
}

function parseRange(s: string): [number, number] | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
  if (!m) return `"${s}" is not a number or a range like 8000-8010`;
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 0 || a > 65535 || b > 65535) return `${s} is outside 0-65535`;
  if (b < a) return `range ${s} ends before it starts`;
  return [a, b];
}

export function portKey(p: {
  host_ip?: string;
  target?: string | number;
  published?: string | number;
  protocol?: string;
}): string {
  return `${p.host_ip ?? ''}|${p.target ?? ''}|${p.published ?? ''}|${p.protocol ?? 'tcp'}`;
}

export interface VolumeSpec {
  type: 'bind' | 'volume';
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { create_host_path?: boolean; selinux?: string; propagation?: string };
  volume?: { nocopy?: boolean };
}

const PROPAGATION = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

/** `[SOURCE:]TARGET[:MODE]`, SOURCE a path (bind) or a volume name. */
export function parseVolumeSpec(spec: string): VolumeSpec | string {
  const parts = splitVolume(spec);
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === ''))
    return `"${spec}" is not SOURCE:TARGET[:MODE]`;
  const [source = '', target, mode] = parts;
  if (target === undefined) return { type: 'volume', target: source };
  const isPath = /^([./~]|[A-Za-z]:[\\/])/.test(source);
  const v: VolumeSpec = { type: isPath ? 'bind' : 'volume', source, target };
  if (mode !== undefined) {
    for (const m of mode.split(',')) {
      if (m === 'ro') v.read_only = true;
      else if (m === 'rw') v.read_only = false;
      else if (m === 'z' || m === 'Z') v.bind = { ...v.bind, selinux: m };
      else if (PROPAGATION.has(m)) v.bind = { ...v.bind, propagation: m };
      else if (m === 'nocopy') v.volume = { nocopy: true };
      else if (CONSISTENCY.has(m)) continue;
      else return `unknown volume mode "${m}" (ro, rw, z, Z, nocopy, or a propagation such as rshared)`;
    }
  }
  if (v.type === 'bind') v.bind = { create_host_path: true, ...v.bind };
  if (v.read_only === false) delete v.read_only;
  return v;
}

function splitVolume(spec: string): string[] {
  // A Windows drive letter (C:\...) is part of the path, not a separator. `v:/data` stays a
  // volume named v mounted at /data, as Docker on Linux reads it.
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec.charAt(i);
    if (ch === ':' && !(cur.length === 1 && /[A-Za-z]/.test(cur) && spec[i + 1] === '\\')) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function volumeTarget(spec: string): string {
  const parts = splitVolume(spec);
  return (parts.length === 1 ? parts[0] : parts[1]) ?? '';
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go-style durations (`1m30s`, `1.5h`, `300ms`), returned in milliseconds; a bare number is seconds. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  if (s === '' || !/^((\d+(\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(m[1]) * (DURATION_UNITS[m[2] ?? ''] ?? Number.NaN);
  return Math.round(total * 1e6) / 1e6;
}

/** Milliseconds back to the canonical Go form (`1m30s`, `500ms`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  let rest = ms - h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  let out = h ? `${h}h` : '';
  if (h || m) out += `${m}m`;
  return `${out}${Number((rest / 1000).toFixed(3))}s`;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};

/** Byte sizes as Docker reads them (`512M`, `1g`, `1.5GB`: powers of 1024); a bare number is bytes. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?b?|[KMGT]i?B?)$/i.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '')
    .toLowerCase()
    .replace('ib', 'b')
    .replace(/^([kmgt])i$/, '$1');
  const mult = SIZE_UNITS[unit];
  return mult === undefined ? undefined : Math.floor(Number(m[1]) * mult);
}

/** Bytes back to a Kubernetes quantity: the largest binary unit that divides evenly (512Mi, 2Gi). */
export function formatSize(n: number | undefined): string {
  if (n === undefined) return '';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${units[i]}`;
}

/**
 * Splits a command string into words like a POSIX shell does (quotes, backslash escapes),
 * without expanding anything. Returns an error message for an unclosed quote.
 */
export function shellSplit(input: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && /["\\$`\n]/.test(input[i + 1] ?? '')) cur += input[++i];
      else cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < input.length) {
        const nx = input.charAt(++i);
        if (nx !== '\n') cur += nx;
      }
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return `unclosed ${quote} quote`;
  if (inWord) words.push(cur);
  return words;
}
