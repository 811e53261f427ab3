import { arr, obj, str, text, type Container, type Path } from './workloads.js';

export interface EnvEntry {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: Record<string, unknown>;
  readonly path: Path;
}

export const envOf = (c: Container): EnvEntry[] =>
  arr(c.spec.env).map((e, i) => {
    const o = obj(e);
    return {
      name: str(o.name) ?? '',
      ...(o.value !== undefined ? { value: text(o.value) } : {}),
      ...(o.valueFrom !== undefined ? { valueFrom: obj(o.valueFrom) } : {}),
      path: [...c.path, 'env', i],
    };
  });
