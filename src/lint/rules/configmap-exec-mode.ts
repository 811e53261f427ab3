import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { mountsOf } from '../volumes.js';
import { arr, get, obj, str } from '../workloads.js';

/** The mode a file of a ConfigMap, Secret or projected volume gets: its item's mode, the volume's defaultMode, or 0644. */
function modeOf(volume: Record<string, unknown>, file: string): number {
  const src = obj(volume.configMap ?? volume.secret ?? volume.projected);
  const items = [
    ...arr(src.items),
    ...arr(src.sources).flatMap((s) => arr(get(s, ['configMap', 'items'])).concat(arr(get(s, ['secret', 'items'])))),
  ];
  const item = items.map(obj).find((it) => str(it.path) === file || str(it.key) === file);
  if (item && typeof item.mode === 'number') return item.mode;
  return typeof src.defaultMode === 'number' ? src.defaultMode : 0o644;
}

const rule: LintRule = {
  id: 'configmap-exec-mode',
  severity: 'error',
  covers: [],
  description:
    'A container runs a file from a ConfigMap or Secret volume as its command, but the file is not executable (the default mode is 0644): the container fails with "permission denied".',
  hint: 'Set defaultMode: 0755 (493) on the volume or mode on the item, or run it through its interpreter (sh /path/script.sh).',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      const program = str(arr(c.spec.command)[0]);
      if (!program?.startsWith('/')) return undefined;
      for (const m of mountsOf(w, c)) {
        if (!m.volume || !(m.volume.configMap || m.volume.secret || m.volume.projected)) continue;
        const file = m.subPath
          ? program === m.mountPath
            ? m.subPath
            : undefined
          : program.startsWith(`${m.mountPath}/`)
            ? program.slice(m.mountPath.length + 1)
            : undefined;
        if (file === undefined) continue;
        const mode = modeOf(m.volume, file);
        if ((mode & 0o111) === 0)
          return {
            path: [...c.path, 'command', 0],
            message: `container ${quote(c.name)} runs ${program} from the volume ${m.name}, whose mode ${mode.toString(8).padStart(4, '0')} is not executable`,
          };
      }
      return undefined;
    }),
};
export default rule;
