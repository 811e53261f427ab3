import { knowledgeById } from '../../knowledge/index.js';
import type { ImageKnowledge } from '../../knowledge/types.js';
import { isOfficialPostgres } from '../../knowledge/postgres.js';
import type { Mount, Workload } from '../../model/types.js';
import type { ConvertContext } from '../context.js';
import { addClaimTemplate, type PodDraft } from '../draft.js';

/** The claim template's name: `data-<statefulset>-0` for the first replica. */
export const IMPLICIT_DATA = 'data';

/**
 * Where a data service keeps its data when the Compose file mounts nothing there: a path the
 * service's environment names (KAFKA_LOG_DIRS=/tmp/kraft-combined-logs, PGDATA under the data
 * folder), the official PostgreSQL's /var/lib/postgresql from 18 on or with no version in its tag
 * (PGDATA is a folder below), the Bitnami path for a Bitnami image, else the image's usual one.
 */
function dataPath(w: Workload, paths: readonly string[]): string | undefined {
  const under = (value: string, p: string) => value === p || value.startsWith(`${p}/`);
  for (const e of w.environment) {
    const value = e.value ?? '';
    const named = paths.find((p) => under(value, p));
    if (named) return named;
  }
  const image = w.image;
  // From 18 the official image keeps PGDATA in /var/lib/postgresql/<major>/docker; a tag with no
  // major (alpine, latest) may be 18 or later: /var/lib/postgresql holds either layout.
  const major = Number(/^(\d+)/.exec(image?.tag ?? '')?.[1] ?? 0);
  if (image && isOfficialPostgres(image) && (!major || major >= 18)) return '/var/lib/postgresql';
  const bitnami = image?.repository.startsWith('bitnami/') ?? false;
  return paths.find((p) => p.startsWith('/bitnami/') === bitnami) ?? paths[0];
}

/**
 * Where a data service keeps its data when the Compose file mounts nothing for it (no volume, no
 * host folder), from its catalog entry: undefined for a service the catalog does not know.
 */
export function implicitDataPath(w: Workload): { target: string; knowledge: ImageKnowledge } | undefined {
  if (w.storage.some((m) => m.kind === 'data' || m.kind === 'host-path')) return undefined;
  const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  const target = k ? dataPath(w, k.dataPaths) : undefined;
  return k && target ? { target, knowledge: k } : undefined;
}

/** What convert's to-do list says of such data when it is moved as files. */
export const containerDataNote = (w: Workload, target: string) =>
  `${w.name} keeps its data at ${target} inside its container on the Compose host (its Compose file mounts no volume there): RUNBOOK.md copies it with stevedore migrate from a snapshot of the stopped container (\`docker commit\`); until then, stop it but never \`docker compose down\` or re-create it, which deletes the container and its data with it`;

/**
 * A data service (a database, a queue, a search engine) whose Compose file mounts no volume keeps
 * its data in an anonymous volume of its image, or in the container itself: Docker keeps the
 * former across restarts and re-creations. In the cluster it would live in the pod, lost when the
 * pod moves, and under a read-only root file system the server could not even start (initdb cannot
 * write /var/lib/postgresql/data). It gets a claim per replica at its data path. Returns the mount.
 */
export function implicitDataClaim(ctx: ConvertContext, draft: PodDraft, size: string): Mount | undefined {
  const w = draft.workload;
  if (draft.kind !== 'StatefulSet' || draft.hostedBy) return undefined;
  const found = implicitDataPath(w);
  if (!found) return undefined;
  const { target, knowledge: k } = found;
  addClaimTemplate(draft, IMPLICIT_DATA, size, ctx.options.storageClass);
  draft.main.volumeMounts = [...(draft.main.volumeMounts ?? []), { name: IMPLICIT_DATA, mountPath: target }];
  draft.comments.push(
    `The Compose file mounts no volume at ${target}, where ${k.name} keeps its data (Docker keeps it in an anonymous volume or the container): here a ${size} claim per replica holds it, so the data outlives the pod.`,
  );
  if (k.migration === 'volume') ctx.todo.push(containerDataNote(w, target));
  return { kind: 'data', target, readOnly: false, isDataPath: true, volume: IMPLICIT_DATA };
}
