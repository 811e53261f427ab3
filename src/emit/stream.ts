import type { Conversion } from '../transform/index.js';
import { toYamlDocument } from './yaml.js';

/** Every object in one multi-document stream, Secrets included (for `kubectl apply -f -`). */
export function toStream(c: Conversion): string {
  const order = (kind: string) => (kind === 'Namespace' ? 0 : 1);
  const objs = [...c.objects].sort(
    (a, b) =>
      order((a.object as unknown as { kind: string }).kind) - order((b.object as unknown as { kind: string }).kind),
  );
  return objs.map((e) => `---\n${toYamlDocument(e, c.namespace)}`).join('');
}
