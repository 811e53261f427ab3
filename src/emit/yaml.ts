import jsyaml from 'js-yaml';
import type { Emitted } from '../transform/context.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass']);

/** apiVersion, kind, metadata first (name, namespace, labels, annotations), the rest as built. */
export function orderedObject(e: Emitted, namespace: string): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(e.object.toJSON())) as Record<string, unknown>;
  const { apiVersion, kind, metadata, ...rest } = json as {
    apiVersion: string;
    kind: string;
    metadata?: Record<string, unknown>;
  } & Record<string, unknown>;
  const { name, labels, annotations, ...otherMeta } = metadata ?? {};
  const meta: Record<string, unknown> = { name };
  if (!CLUSTER_SCOPED.has(kind)) meta.namespace = e.namespace ?? namespace;
  if (labels) meta.labels = labels;
  if (annotations) meta.annotations = annotations;
  Object.assign(meta, otherMeta);
  return { apiVersion, kind, metadata: meta, ...rest };
}

function wrap(text: string, width = 100): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/**
 * Plain data as YAML. js-yaml writes manifests about five times faster than the `yaml` package
 * (which reads Compose, where positions matter); output is plain data with no comments inside.
 */
export function dumpYaml(data: unknown): string {
  return jsyaml.dump(data, { lineWidth: -1, noRefs: true, quotingType: '"', sortKeys: false });
}

/** One object as a YAML document, its explanations as comments above it. Same input, same bytes. */
export function toYamlDocument(e: Emitted, namespace: string): string {
  return commentedYaml(e.comments, orderedObject(e, namespace));
}

/** Plain data as YAML with its explanation as comments above it. */
export function commentedYaml(comments: readonly string[], data: unknown): string {
  const head = comments.flatMap((c) => wrap(c)).map((l) => `# ${l}`.trimEnd());
  return `${head.length ? `${head.join('\n')}\n\n` : ''}${dumpYaml(data)}`;
}
