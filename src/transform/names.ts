import { escapeRegExp } from '../io/shell.js';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { isHostKey } from '../model/graph.js';

/**
 * A Kubernetes name from any Compose name: RFC 1123 label (lowercase letters, digits and dashes,
 * starting and ending with a letter or digit, at most `max` characters). A name that had to change
 * beyond lowercasing, or be cut, gets a short hash of the original so two names never collide.
 */
export function dnsLabel(name: string, max = 63): string {
  let out = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!out) out = 'x';
  if (!/^[a-z0-9]/.test(out)) out = `x${out}`;
  const changed = out !== name.toLowerCase() || out.length > max;
  if (!changed) return out;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 5);
  if (out.length + 6 > max) out = out.slice(0, max - 6).replace(/-+$/, '');
  return name.toLowerCase().replace(/_/g, '-') === out ? out : `${out}-${hash}`;
}

/** Whether a name can be a Service name (an RFC 1123 label), as Kubernetes checks it. */
export const isDnsLabel = (name: string): boolean => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name);

/** A port name: at most 15 characters, lowercase alphanumerics and dashes, with a letter. */
export function portName(port: number, protocol: string): string {
  return `${protocol === 'tcp' ? 'tcp' : protocol.slice(0, 4)}-${port}`;
}

/** A ConfigMap or Secret key: `[-._a-zA-Z0-9]+`. */
export function dataKey(name: string): string {
  const out = name.replace(/[^-._a-zA-Z0-9]/g, '_');
  return out || 'file';
}

/**
 * Replaces host names of renamed services in a configuration file, only where a name is a host: in
 * a URL, a host:port pair, and the value of a host setting (`host: my_db`, `DB_HOST=my_db`). A
 * database or a table named like the service (`CREATE DATABASE my_db;`) is left as it is.
 */
export function rewriteHostsInFile(text: string, renames: readonly [string, string][]): string {
  if (!renames.length) return text;
  const wanted = renames.filter(([from]) => text.includes(from));
  if (!wanted.length) return text;
  return text
    .split('\n')
    .map((line) => {
      let out = line;
      for (const [from, to] of wanted) {
        if (!out.includes(from)) continue;
        const esc = escapeRegExp(from);
        out = out
          .replace(new RegExp(`(://(?:[^\\s@/]*@)?)${esc}(?=$|[:/\\s,;"')?\\]])`, 'g'), `$1${to}`)
          .replace(new RegExp(`(^|[\\s,;=("'\\[])${esc}(?=:\\d)`, 'g'), `$1${to}`)
          .replace(
            new RegExp(`^(\\s*(?:-\\s+)?["']?([A-Za-z_][\\w.-]*)["']?\\s*[:=]\\s*["']?)${esc}(?=["']?[,;]?\\s*$)`),
            (m, head: string, key: string) => (isHostKey(key) ? `${head}${to}` : m),
          );
      }
      return out;
    })
    .join('\n');
}

/** Replaces host names of renamed services inside URLs, host:port pairs and bare host values. */
export function rewriteHosts(value: string, renames: [string, string][]): string {
  let out = value;
  for (const [from, to] of renames) {
    const esc = escapeRegExp(from);
    out = out.replace(new RegExp(`(^|[/@=\\s,;"'(])${esc}(?=$|[:/\\s,;"')?])`, 'g'), `$1${to}`);
  }
  return out;
}

/**
 * Replaces the fixed addresses of services (`ipv4_address`) where a name may stand instead: in a
 * URL (`http://172.20.0.5:8080/`) and a host:port pair. Elsewhere (a list of DNS servers, a bare
 * address a program wants as an address) it is left, and the caller says so.
 */
export function rewriteAddresses(value: string, addresses: readonly [string, string][]): string {
  let out = value;
  for (const [ip, to] of addresses) {
    const esc = escapeRegExp(ip);
    out = out
      .replace(new RegExp(`(://(?:[^\\s@/]*@)?)${esc}(?![\\d.])`, 'g'), `$1${to}`)
      .replace(new RegExp(`(^|[\\s,;=("'])${esc}(?=:\\d)`, 'g'), `$1${to}`);
  }
  return out;
}

/** A path as the user wrote it: relative to the project folder when inside it. */
export function shownPath(workingDir: string, p: string): string {
  const rel = path.relative(workingDir, p);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !path.isAbsolute(rel) ? `./${rel}` : p;
}
