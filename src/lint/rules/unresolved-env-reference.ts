import { envOf } from '../env.js';
import { hitAt, perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, obj, str, text } from '../workloads.js';

/**
 * `$(NAME)` in a command or its arguments is filled in by Kubernetes from the container's
 * environment (env and envFrom); a name it does not set is left as written — a password becomes the
 * literal text `$(REDIS_PASSWORD)`, silently. `$$(NAME)` is the escaped form and is left alone.
 */
const rule: LintRule = {
  id: 'unresolved-env-reference',
  severity: 'error',
  covers: [],
  description:
    'A command or argument refers to $(NAME), but the container’s environment does not set NAME: Kubernetes leaves the text as written.',
  hint: 'Set NAME in env or envFrom (a ConfigMap or Secret key), or write $$(NAME) for a literal.',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      const names = new Set(envOf(c).map((e) => e.name));
      for (const from of arr(c.spec.envFrom).map(obj)) {
        const ref = obj(from.configMapRef ?? from.secretRef);
        const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
        const name = str(ref.name);
        const source = name ? ctx.find(kind, name, w.object) : undefined;
        // A source that is not in the input: its keys are not known, so nothing can be said.
        if (!source) return [];
        const prefix = str(from.prefix) ?? '';
        for (const field of ['data', 'stringData', 'binaryData'])
          for (const key of Object.keys(obj(source.object[field]))) names.add(`${prefix}${key}`);
      }
      return (['command', 'args'] as const).flatMap((field) =>
        arr(c.spec[field]).flatMap((arg, i) =>
          [...(text(arg) ?? '').matchAll(/(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)]
            .map((m) => m[1] ?? '')
            .filter((n) => !names.has(n))
            .map((n) =>
              hitAt(
                w,
                [...c.path, field, i],
                `the ${field === 'command' ? 'command' : 'arguments'} of container ${quote(c.name)} refer to $(${n}), which its environment does not set: Kubernetes passes the text as written`,
              ),
            ),
        ),
      );
    }),
};
export default rule;
