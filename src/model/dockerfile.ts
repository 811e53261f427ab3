import path from 'node:path';
import { DockerfileParser, type From, type Instruction } from 'dockerfile-ast';
import { insideFolder, type FileSystem } from '../io/fs.js';
import type { Workload, WorkloadPort } from './types.js';

/** What the Dockerfile of a built service says about how the image runs. */
export interface DockerfileFacts {
  /** The Dockerfile, relative to the project folder. */
  readonly path: string;
  /** EXPOSE of the stage that is built (and the stages it is built on). */
  readonly expose: readonly Pick<WorkloadPort, 'port' | 'protocol'>[];
  /** USER of that stage, as written (`1000`, `1000:1000`, `node`), with its line. */
  readonly user?: { readonly value: string; readonly line: number };
  /** Instructions whose value depends on a variable that has no value here (`EXPOSE $PORT`). */
  readonly unresolved: readonly string[];
}

const MAX_BYTES = 1024 * 1024;

interface Stage {
  readonly name: string | null;
  readonly base: string;
  expose: Pick<WorkloadPort, 'port' | 'protocol'>[];
  user?: { value: string; line: number };
}

/**
 * Reads the Dockerfile of a built service with a real Dockerfile parser (stages, line continuations,
 * ARG and ENV substitution), only when it is a regular file inside the project folder: the stage
 * Compose builds (`target`, else the last), and what it inherits from the stages it is built on.
 * A stage built on an outside image inherits what that image sets, which is not known here.
 */
export function readDockerfile(
  fs: FileSystem,
  projectDir: string,
  build: NonNullable<Workload['build']>,
): DockerfileFacts | undefined {
  if (/^[a-z]+:\/\//i.test(build.context) || build.context.startsWith('git@')) return undefined;
  const context = path.resolve(projectDir, build.context);
  const file = path.resolve(context, build.dockerfile ?? 'Dockerfile');
  const stat = fs.stat(file);
  if (stat?.type !== 'file' || stat.size > MAX_BYTES || !insideFolder(fs, projectDir, file)) return undefined;
  const text = fs.readText(file);
  if (text === undefined) return undefined;
  const stages: Stage[] = [];
  const unresolved: string[] = [];
  const dockerfile = DockerfileParser.parse(text);
  // A stage's `ARG X` without a value takes the default of the `ARG X=…` before the first FROM.
  const globals = new Map(
    dockerfile.getInitialARGs().flatMap((a) => {
      const p = a.getProperty();
      const v = p?.getValue();
      return p && v !== null && v !== undefined ? [[p.getName(), v] as const] : [];
    }),
  );
  // `ENV PORT=${PORT}` names the ARG before it: a variable met again inside its own value is the ARG's.
  const expand = (word: string, line: number, seen: ReadonlySet<string> = new Set()): string =>
    word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => {
      const v =
        build.args?.[name] ??
        (seen.has(name) ? undefined : dockerfile.resolveVariable(name, line)) ??
        globals.get(name);
      return typeof v === 'string' && !(seen.has(name) && v.includes('$'))
        ? expand(v, line, new Set([...seen, name]))
        : m;
    });
  // Each word with its variables filled in; a word still naming one is said, not guessed.
  const words = (i: Instruction): string[] => {
    const line = i.getRange().start.line;
    return i.getArguments().flatMap((a) => {
      const w = expand(a.getValue(), line);
      if (!w.includes('$')) return [w];
      unresolved.push(`${i.getKeyword()} ${a.getValue()} (line ${line + 1})`);
      return [];
    });
  };
  for (const i of dockerfile.getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === 'FROM') {
      const from = i as From;
      stages.push({
        name: from.getBuildStage()?.toLowerCase() ?? null,
        base: (from.getImageName() ?? '').toLowerCase(),
        expose: [],
      });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue;
    if (keyword === 'EXPOSE')
      for (const word of words(i)) {
        const [num = '', proto = 'tcp'] = word.toLowerCase().split('/');
        const port = Number(num.split('-')[0]);
        if (Number.isInteger(port) && port > 0 && port < 65536 && ['tcp', 'udp', 'sctp'].includes(proto))
          stage.expose.push({ port, protocol: proto as WorkloadPort['protocol'] });
      }
    if (keyword === 'USER') {
      const [user] = words(i);
      if (user) stage.user = { value: user, line: i.getRange().start.line + 1 };
    }
  }
  const wanted = build.target?.toLowerCase();
  let stage = wanted ? stages.find((s) => s.name === wanted) : stages[stages.length - 1];
  const expose: Pick<WorkloadPort, 'port' | 'protocol'>[] = [];
  let user: Stage['user'];
  // The built stage, then the stages it is FROM, while the base is a stage of this file.
  for (let hops = 0; stage && hops < stages.length; hops++) {
    for (const p of stage.expose)
      if (!expose.some((q) => q.port === p.port && q.protocol === p.protocol)) expose.push(p);
    user ??= stage.user;
    const base = stage.base;
    stage = stages.find((s) => s.name !== null && s.name === base);
  }
  return {
    path: path.relative(projectDir, file),
    expose,
    ...(user ? { user } : {}),
    unresolved,
  };
}
