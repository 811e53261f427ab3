import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadProject, type LoadOptions } from '../src/compose/load.js';
import { planFiles } from '../src/emit/index.js';
import type { EmitOptions } from '../src/emit/form.js';
import { buildModel } from '../src/model/build.js';
import type { AppModel } from '../src/model/types.js';
import { convert, type ConvertOptions } from '../src/transform/index.js';
import { ROOT } from './helpers.js';

export const KUBECTL = path.join(ROOT, '.tools', 'bin', 'kubectl');
export const HELM = path.join(ROOT, '.tools', 'bin', 'helm');

export const KUSTOMIZE_BIN = (): string => requireKubectl();

export function requireKubectl(): string {
  if (!existsSync(KUBECTL)) throw new Error(`no kubectl at ${KUBECTL}: run npm run setup`);
  return KUBECTL;
}

/** Loads, models and converts a stack; returns the files `convert -o` would write. */
export function convertStack(
  dir: string,
  load: Omit<LoadOptions, 'cwd'> = {},
  options: ConvertOptions = {},
  mutate?: (m: AppModel) => AppModel,
  emit: EmitOptions = {},
) {
  const r = loadProject({ cwd: dir, environment: {}, ...load });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`${dir}: ${errors[0]!.message}`);
  const project = r.value.project!;
  let model = buildModel(project).value;
  if (mutate) model = mutate(model);
  const c = convert(model, project, options);
  const files = planFiles(c.value, model, emit);
  return { project, model, conversion: c.value, diagnostics: c.diagnostics, files };
}

/** Every object in the files, parsed. */
export function objects(files: ReadonlyMap<string, string>): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const [name, text] of files) {
    if (!name.endsWith('.yaml') || name.endsWith('kustomization.yaml')) continue;
    for (const d of parseAllDocuments(text) as unknown as { toJS(): unknown }[]) {
      const js = d.toJS() as Record<string, any> | null;
      if (js) out.push(js);
    }
  }
  return out;
}

export function find(objs: Record<string, any>[], kind: string, name: string): Record<string, any> {
  const o = objs.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} ${name}; have ${objs.map((x) => `${x.kind}/${x.metadata?.name}`).join(', ')}`);
  return o;
}

export function kustomize(dir: string): string {
  return execFileSync(requireKubectl(), ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
