import { parseImage, lookupImage } from '../../knowledge/index.js';
import { hitAt, perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { covers, isReadOnlyMount, mountsOf } from '../volumes.js';
import { str } from '../workloads.js';

const rule: LintRule = {
  id: 'read-only-over-writable',
  severity: 'error',
  covers: [],
  description:
    'A read-only volume (a ConfigMap, a Secret, or readOnly: true) is mounted over a folder the image writes to (its data folder or a known writable path): the program fails to start or to save.',
  hint: 'Mount single files with subPath, or mount the read-only volume elsewhere and give the folder a writable volume.',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      const image = str(c.spec.image);
      const known = image ? lookupImage(parseImage(image)) : undefined;
      if (!known) return undefined;
      const writable = [...known.dataPaths, ...(known.writablePaths ?? [])];
      return mountsOf(w, c)
        .filter((m) => !m.subPath && isReadOnlyMount(m))
        .flatMap((m) => {
          const hit = writable.find((p) => covers(m.mountPath, p));
          return hit
            ? [
                hitAt(
                  w,
                  m.path,
                  `container ${quote(c.name)} (${known.name}) mounts the read-only volume ${m.name} at ${m.mountPath}, over ${hit}, where the image writes`,
                ),
              ]
            : [];
        });
    }),
};
export default rule;
