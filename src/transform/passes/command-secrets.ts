import { escapeRegExp } from '../../io/shell.js';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Secret } from 'kubernetes-models/v1/Secret';
import { CREDENTIAL_FLAGS } from '../../model/secrets.js';
import type { ConvertContext, Pass } from '../context.js';
import type { PodDraft } from '../draft.js';

/** Flags whose next word (or `=value`) is a credential: lint's, with `--auth` and the short `-a` (redis-cli) and `-p`. */
const FLAGS = `${CREDENTIAL_FLAGS}|auth|a|p`;
const SECRET_FLAG = new RegExp(`^-{1,2}(${FLAGS})$`, 'i');

/** A value that is no ordinary word: long enough and not a plain lowercase name (`postgres`, `admin`). */
const distinctive = (v: string): boolean => v.length >= 10 && !/^[a-z]+$/.test(v);

/**
 * Replaces each credential in one word of a command: a distinctive value anywhere, a URL's password
 * (`:value@`), or the value after a credential flag (`--requirepass value` in a shell line,
 * `--password=value`). `prev` is the word before, for `["--requirepass", "value"]`.
 */
function replaceIn(
  word: string,
  prev: string | undefined,
  values: ReadonlyMap<string, string>,
  ref: (v: string) => string,
): string {
  let out = word;
  for (const [value, name] of values) {
    if (!out.includes(value)) continue;
    if (out === value && prev !== undefined && SECRET_FLAG.test(prev)) {
      out = ref(name);
      continue;
    }
    const v = escapeRegExp(value);
    if (distinctive(value)) out = out.replace(new RegExp(v, 'g'), ref(name));
    else
      out = out
        .replace(new RegExp(`(:)${v}(@)`, 'g'), (_m, a: string, b: string) => `${a}${ref(name)}${b}`)
        .replace(
          new RegExp(`((?:^|\\s)-{1,2}(?:${FLAGS})(?:=|\\s+))${v}(?=$|[\\s;&|'"])`, 'gi'),
          (_m, a: string) => `${a}${ref(name)}`,
        )
        .replace(new RegExp(`^(-p)${v}$`), (_m, a: string) => `${a}${ref(name)}`);
  }
  return out;
}

/**
 * No credential stays in a command, an argument or a probe. Compose files pass passwords on the
 * command line (`redis-server --requirepass ${REDIS_AUTH}`, `redis-cli -a … ping`); once interpolated
 * they would be plain text in the Deployment. Each is replaced by the environment variable that holds
 * it — `$(VAR)` in command and args, which Kubernetes expands, and `$VAR` through a shell in exec
 * probes, which it does not — and a value no variable of the container holds is added to its Secret.
 */
export const commandSecretsPass: Pass = {
  id: 'command-secrets',
  description: 'credentials out of commands, arguments and probes',
  run(ctx) {
    const known = sensitiveValues(ctx);
    if (!known.size) return;
    for (const draft of ctx.pods.values()) {
      const own = new Map<string, string>();
      for (const e of draft.workload.environment)
        if (e.sensitive && e.value && known.has(e.value) && !own.has(e.value)) own.set(e.value, e.name);
      const values = new Map([...known].map(([v, name]) => [v, own.get(v) ?? name]));
      const added = new Set<string>();
      const use = (name: string): string => {
        if (![...own.values()].includes(name)) added.add(name);
        return name;
      };
      // An exec probe that held a password becomes `sh -c`: only images known here are known to have a
      // shell; for another, a TCP check on its port is the safe probe.
      const shell = draft.workload.knowledge !== undefined;
      const port = draft.workload.ports.find((p) => p.protocol === 'tcp')?.port;
      for (const c of [draft.main, ...draft.initContainers]) {
        const before = JSON.stringify([c.command, c.args, c.livenessProbe, c.readinessProbe, c.startupProbe]);
        const notes = scrubContainer(c, values, use, { shell, ...(port !== undefined ? { port } : {}) });
        draft.comments.push(...notes);
        if (JSON.stringify([c.command, c.args, c.livenessProbe, c.readinessProbe, c.startupProbe]) !== before)
          draft.comments.push(
            `A password written in the ${c.name === draft.main.name || !c.name ? '' : `${c.name} `}command or probe is read from the Secret instead.`,
          );
      }
      if (added.size)
        addToSecret(
          ctx,
          draft,
          [...added].map((n) => [n, [...known].find(([, k]) => k === n)?.[0] ?? '']),
        );
    }
  },
};

/** Every sensitive value of the project, with the variable that holds it (the first service's name for it). */
function sensitiveValues(ctx: ConvertContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of ctx.model.workloads)
    for (const e of w.environment)
      if (e.sensitive && e.value && e.value.length >= 4 && !/^\$\{?[A-Za-z_]/.test(e.value) && !out.has(e.value))
        out.set(e.value, /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.name) ? e.name : `SECRET_${out.size + 1}`);
  return out;
}

function scrubContainer(
  c: IContainer,
  values: ReadonlyMap<string, string>,
  use: (n: string) => string,
  image: { shell: boolean; port?: number },
): string[] {
  const notes: string[] = [];
  const expand = (n: string) => `$(${use(n)})`;
  const words = (list: string[] | undefined) => list?.map((w, i) => replaceIn(w, list[i - 1], values, expand));
  if (c.command) c.command = words(c.command);
  if (c.args) c.args = words(c.args);
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe: IProbe | undefined = c[key];
    const command = probe?.exec?.command;
    if (!probe || !command) continue;
    const scrubbed = scrubExec(command, values, use);
    const wrapped = scrubbed !== command && !isShell(command);
    if (wrapped && !image.shell && image.port !== undefined) {
      const { exec: _exec, ...timing } = probe;
      c[key] = { ...timing, tcpSocket: { port: image.port } };
      notes.push(
        `The ${key} held a password and the image may have no shell to read it from the Secret: it checks TCP port ${image.port} instead (put the health command back with the password from an environment variable if the image has sh).`,
      );
    } else {
      probe.exec = { command: scrubbed };
      if (wrapped && !image.shell)
        notes.push(
          `The ${key} held a password: it runs through sh -c to read it from the Secret, so the image needs sh.`,
        );
    }
  }
  return notes;
}

const isShell = (command: readonly string[]) =>
  command.length === 3 && /(^|\/)(ba)?sh$/.test(command[0] ?? '') && command[1] === '-c';

/** An exec probe has no `$(VAR)` expansion: a changed probe runs through `sh -c` with `"$VAR"`. */
function scrubExec(command: string[], values: ReadonlyMap<string, string>, use: (n: string) => string): string[] {
  const shellRef = (n: string) => `\${${use(n)}}`;
  const [sh, flag, script] = command;
  if (command.length === 3 && sh && /(^|\/)(ba)?sh$/.test(sh) && flag === '-c' && script !== undefined)
    return [sh, flag, replaceIn(script, undefined, values, shellRef)];
  const changed = command.map((w, i) => replaceIn(w, command[i - 1], values, (n) => `\0${use(n)}\0`));
  if (changed.every((w, i) => w === command[i])) return command;
  const quoted = changed.map((w) =>
    w
      .split('\0')
      .map((part, i) => (i % 2 ? `"\${${part}}"` : part ? `'${part.replace(/'/g, `'\\''`)}'` : ''))
      .join(''),
  );
  return ['sh', '-c', quoted.join(' ')];
}

/** Values no variable of the container held: into its Secret (`<name>-env`, or a new one), read with env. */
function addToSecret(ctx: ConvertContext, draft: PodDraft, entries: [string, string][]): void {
  const secretName = `${ctx.name(draft.workload.name)}-env`;
  const emitted = ctx.objects.find((o) => {
    const j = o.object.toJSON() as { kind?: string; metadata?: { name?: string } };
    return j.kind === 'Secret' && j.metadata?.name === secretName;
  });
  if (emitted) {
    const s = emitted.object as Secret;
    s.stringData = { ...s.stringData, ...Object.fromEntries(entries) };
  } else {
    ctx.emit({
      service: draft.workload.name,
      file: 'secret-env',
      secret: true,
      object: new Secret({
        metadata: { name: secretName, labels: ctx.labels(draft.workload) },
        type: 'Opaque',
        stringData: Object.fromEntries(entries),
      }),
      comments: [`Passwords ${draft.workload.name} was given on its command line in Compose.`],
    });
  }
  const refs = entries.map(([name]) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key: name } } }));
  for (const c of [draft.main, ...draft.initContainers])
    c.env = [...(c.env ?? []).filter((e) => !entries.some(([n]) => n === e.name)), ...refs];
}
