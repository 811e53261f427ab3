import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { writeFiles } from '../src/io/write-files.js';
import { HELM, KUSTOMIZE_BIN } from './convert-helpers.js';

type Obj = Record<string, any>;
const HELM_ONLY = ['helm.sh/chart', 'app.kubernetes.io/managed-by'];

/** Writes files into a new temporary folder (the caller removes it). */
export function writeTemp(files: ReadonlyMap<string, string>, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `stevedore-${name.replace(/\W/g, '-')}-`));
  writeFiles(dir, files);
  return dir;
}

export function parseStream(text: string): Obj[] {
  return (parseAllDocuments(text) as unknown as { toJS(): unknown }[])
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => Boolean(o));
}

export function kustomizeRender(dir: string): Obj[] {
  return parseStream(execFileSync(KUSTOMIZE_BIN(), ['kustomize', dir], { encoding: 'utf8', maxBuffer: 1 << 28 }));
}

export function helmRender(
  chart: string,
  release: string,
  namespace: string,
  valueFiles: string[],
  set: string[] = [],
): Obj[] {
  const args = ['template', release, chart, '--namespace', namespace];
  for (const f of valueFiles) args.push('-f', path.join(chart, f));
  for (const s of set) args.push('--set', s);
  return parseStream(
    execFileSync(HELM, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

export function helmLint(chart: string, valueFiles: string[]): string {
  const args = ['lint', '--strict', chart];
  for (const f of valueFiles) args.push('-f', path.join(chart, f));
  return execFileSync(HELM, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Objects as comparable entries: Helm's own bookkeeping labels removed, keyed by kind/namespace/name. */
export function normalize(objects: Obj[]): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const o of objects) {
    const copy = structuredClone(o);
    strip(copy);
    out.set(`${copy.kind}/${copy.metadata?.namespace ?? ''}/${copy.metadata?.name}`, copy);
  }
  return out;
}

function strip(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(strip);
  if (!node || typeof node !== 'object') return;
  const o = node as Obj;
  if (o.labels && typeof o.labels === 'object') for (const l of HELM_ONLY) delete o.labels[l];
  for (const v of Object.values(o)) strip(v);
}

/** The differences between two object sets, one line each; empty when they are the same. */
export function differences(a: Map<string, Obj>, b: Map<string, Obj>, names: [string, string]): string[] {
  const out: string[] = [];
  for (const k of a.keys()) if (!b.has(k)) out.push(`${k}: only in ${names[0]}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k}: only in ${names[1]}`);
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y) out.push(...diffValue(x, y, k));
  }
  return out;
}

function diffValue(x: unknown, y: unknown, at: string): string[] {
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    return [...keys].flatMap((k) => diffValue((x as Obj)[k], (y as Obj)[k], `${at}.${k}`));
  }
  return JSON.stringify(x) === JSON.stringify(y) ? [] : [`${at}: ${JSON.stringify(x)} != ${JSON.stringify(y)}`];
}

export function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
