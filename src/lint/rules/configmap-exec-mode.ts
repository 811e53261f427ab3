import { SHELL, linePrograms, shellLines } from '../../io/shell.js';
import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { mountsOf } from '../volumes.js';
import { arr, get, obj, str, type Path } from '../workloads.js';

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
    'A container runs a file from a ConfigMap or Secret volume (as its command, in a shell line, or in an exec probe), but the file is not executable (the default mode is 0644): the container or the probe fails with "permission denied".',
  hint: 'Set defaultMode: 0755 (493) on the volume or mode on the item, or run it through its interpreter (sh /path/script.sh).',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      for (const { program, path } of programsOf(c.spec, c.path)) {
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
              path,
              message: `container ${quote(c.name)} runs ${program} from the volume ${m.name}, whose mode ${mode.toString(8).padStart(4, '0')} is not executable`,
            };
        }
      }
      return undefined;
    }),
};

/**
 * The programs a container executes by path: its command's, and each command of a shell line it
 * or an exec probe runs (`sh -c "/healthchecks/redis.sh"`: the kubelet runs the probe, and a
 * script that is not executable fails it for ever). Each with where it is written.
 */
function programsOf(spec: Record<string, unknown>, at: Path): { program: string; path: Path }[] {
  const out: { program: string; path: Path }[] = [];
  const words = (argv: unknown[], path: Path) => {
    const list = argv.map((x) => str(x) ?? '');
    if (list[0]?.startsWith('/') && !SHELL.test(list[0])) out.push({ program: list[0], path: [...path, 0] });
    for (const { line, index } of shellLines(list))
      for (const program of linePrograms(line))
        if (program.startsWith('/')) out.push({ program, path: [...path, index] });
  };
  words([...arr(spec.command), ...arr(spec.args)], [...at, 'command']);
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe'])
    words(arr(get(spec, [probe, 'exec', 'command'])), [...at, probe, 'exec', 'command']);
  return out;
}
export default rule;
