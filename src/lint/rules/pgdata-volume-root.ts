import { parseImage } from '../../knowledge/index.js';
import { defaultPgdata, isOfficialPostgres } from '../../knowledge/postgres.js';
import type { LintContext } from '../context.js';
import { envOf } from '../env.js';
import { hitAt, perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { isPersistent, mountsOf } from '../volumes.js';
import { arr, get, obj, str, type Container, type Workload, text } from '../workloads.js';

/** PGDATA as the container sees it: its env, a ConfigMap key it reads, or an envFrom ConfigMap in the input. */
function pgdataOf(ctx: LintContext, w: Workload, c: Container): string | undefined {
  for (const e of envOf(c).reverse()) {
    if (e.name !== 'PGDATA') continue;
    if (e.value !== undefined) return e.value;
    const ref = obj(e.valueFrom?.configMapKeyRef);
    const cm = ctx.find('ConfigMap', str(ref.name), w.object);
    const v = cm ? get(cm.object, ['data', str(ref.key) ?? '']) : undefined;
    if (v !== undefined) return text(v);
  }
  for (const e of arr(c.spec.envFrom).reverse()) {
    const cm = ctx.find('ConfigMap', str(get(e, ['configMapRef', 'name'])), w.object);
    const v = cm ? get(cm.object, ['data', 'PGDATA']) : undefined;
    if (v !== undefined) return text(v);
  }
  return undefined;
}

const rule: LintRule = {
  id: 'pgdata-volume-root',
  severity: 'error',
  covers: [],
  description:
    'PostgreSQL keeps its data (PGDATA) at the root of a persistent volume: a fresh volume holds lost+found, and initdb refuses a folder that is not empty.',
  hint: 'Set PGDATA to a subfolder of the mount (for example /var/lib/postgresql/data/pgdata), or mount the volume with a subPath.',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      const image = str(c.spec.image);
      if (!image || c.init) return undefined;
      const ref = parseImage(image);
      if (!isOfficialPostgres(ref)) return undefined;
      const pgdata = (pgdataOf(ctx, w, c) ?? defaultPgdata(ref.tag)).replace(/\/+$/, '');
      const mount = mountsOf(w, c).find((m) => isPersistent(m) && !m.subPath && m.mountPath === pgdata);
      return mount
        ? [
            hitAt(
              w,
              mount.path,
              `container ${quote(c.name)} keeps PGDATA (${pgdata}) at the root of the volume ${mount.name}: initdb fails on its lost+found`,
            ),
          ]
        : undefined;
    }),
};
export default rule;
