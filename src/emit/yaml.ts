import { Document } from 'yaml';
import type { Emitted } from '../transform/context.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass']);

/** apiVersion, kind, metadata first (name, namespace, labels, annotations), the rest as built. */
export function orderedObject(e: Emitted, namespace: string): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(e.object.toJSON())) as Record<string, unknown>;
  const { apiVersion, kind, metadata, ...rest } = json as { apiVersion: string; kind: string; metadata?: Record<string, unknown> } & Record<string, unknown>;
  const { name, labels, annotations, ...otherMeta } = metadata ?? {};
  const meta: Record<string, unknown> = { name };
  if (!CLUSTER_SCOPED.has(kind)) meta.namespace = namespace;
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

/** One object as a YAML document, its explanations as comments above it. Same input, same bytes. */
export function toYamlDocument(e: Emitted, namespace: string): string {
  const doc = new Document(orderedObject(e, namespace), { aliasDuplicateObjects: false });
  if (e.comments.length) doc.commentBefore = e.comments.flatMap((c) => wrap(c)).map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}
