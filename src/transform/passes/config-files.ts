import { linePrograms, shellLines } from '../../io/shell.js';
import path from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import type { Mount, Workload } from '../../model/types.js';
import type { ConvertContext } from '../context.js';
import { addVolume, type PodDraft } from '../draft.js';
import { dataKey, dnsLabel } from '../names.js';
import { readProjectFile } from '../../io/project-files.js';

/** A ConfigMap holds at most 1 MiB. */
const CONFIGMAP_LIMIT = 1024 * 1024;

/** Files read for one bind mount: text and binary apart, and whether any is a key, certificate or credential. */
interface ReadFiles {
  readonly text: Record<string, string>;
  readonly binary: Record<string, string>;
  readonly sensitive: string[];
  readonly size: number;
}

/**
 * Reads the files of a bind mount (the file, or the top of the folder) through the guarded reader:
 * nothing outside the project, no device or pipe, nothing past the size limit. What could not be
 * carried is said, with the file it concerns.
 */
function readMountFiles(ctx: ConvertContext, service: string, source: string, single: boolean): ReadFiles | undefined {
  const out: ReadFiles = { text: {}, binary: {}, sensitive: [], size: 0 };
  const names = single ? [path.basename(source)] : ctx.fs.list(source);
  if (!names) return undefined;
  const dir = single ? path.dirname(source) : source;
  const left: string[] = [];
  let size = 0;
  for (const n of names) {
    const file = path.join(dir, n);
    if (!single && ctx.fs.stat(file)?.type === 'directory') {
      left.push(`${n}/ (a sub-folder)`);
      continue;
    }
    const r = readProjectFile(ctx.fs, ctx.project.working_dir, file);
    if (r.kind === 'missing' && single) return undefined;
    if (r.kind === 'text' || r.kind === 'binary') {
      if (r.kind === 'text') out.text[dataKey(n)] = r.text;
      else out.binary[dataKey(n)] = r.base64;
      if (r.sensitive) out.sensitive.push(n);
      size += r.size;
    } else if (r.kind === 'too-large') left.push(`${n} (${Math.round(r.size / 1024)} KiB, more than an object holds)`);
    else if (r.kind === 'special') left.push(`${n} (not a regular file)`);
    else if (r.kind === 'outside') left.push(`${n} (a link out of the project, not read)`);
  }
  if (left.length)
    ctx.skip(
      service,
      `volumes: ${ctx.display(source)}`,
      `not carried: ${left.join(', ')}; bake them into the image or use a volume`,
    );
  return { ...out, size };
}

/**
 * Bind-mounted configuration: the file (or the folder's files) become a ConfigMap mounted at the same
 * place; binary files go to binaryData; keys, certificates and credentials to a Secret in the
 * git-ignored secrets file. A script the service runs as its command is mounted executable.
 */
export function configFiles(
  ctx: ConvertContext,
  users: readonly string[],
  draft: PodDraft,
  m: Mount,
  volName: string,
): void {
  const w = draft.workload;
  const source = m.source ?? '';
  // Several services mounting one file or folder (temporal's ./dynamicconfig in five) share one object.
  const shared = users.length > 1;
  const cmName = dnsLabel(`${shared ? dnsLabel(ctx.project.name) : ctx.name(w.name)}-${path.basename(source)}`);
  const single = m.isFile === true || ctx.fs.stat(source)?.type === 'file';
  const files = readMountFiles(ctx, w.name, source, single);
  if (!files) notInProject(ctx, w.name, source, cmName, single);
  if (files && files.size > CONFIGMAP_LIMIT) {
    ctx.skip(
      w.name,
      `volumes: ${ctx.display(source)}`,
      `${Math.round(files.size / 1024)} KiB is more than a ConfigMap holds (1 MiB): bake the files into the image or use a volume`,
    );
    return;
  }
  const secret = Boolean(files?.sensitive.length);
  const keys = files ? [...Object.keys(files.text), ...Object.keys(files.binary)] : [];
  if (files && keys.length && !ctx.has(secret ? 'Secret' : 'ConfigMap', cmName))
    emitFiles(ctx, users, w, m, cmName, files);
  const executable = runsAsCommand(w, m.target, single, keys);
  if (executable) draft.comments.push(`${m.target} is mounted executable (0755): ${w.name} runs ${executable}.`);
  const mode = executable ? { defaultMode: 0o755 } : {};
  addVolume(
    draft,
    secret
      ? { name: volName, secret: { secretName: cmName, ...mode } }
      : { name: volName, configMap: { name: cmName, ...mode } },
  );
  draft.main.volumeMounts = [
    ...(draft.main.volumeMounts ?? []),
    {
      name: volName,
      mountPath: m.target,
      ...(single ? { subPath: dataKey(path.basename(source)) } : {}),
      readOnly: true,
    },
  ];
}

/** The mounted file or folder is not in the project: the user creates the object, told how. */
function notInProject(ctx: ConvertContext, service: string, source: string, cmName: string, single: boolean): void {
  if (single) {
    ctx.skip(
      service,
      `volumes: ${ctx.display(source)}`,
      `the file is not in the project, so its ConfigMap could not be made: create ${cmName} with key ${dataKey(path.basename(source))}`,
    );
    ctx.todo.push(
      `Create the ConfigMap ${cmName} from ${ctx.display(source)} (not found when converting): kubectl -n ${ctx.namespaceOf(service)} create configmap ${cmName} --from-file=${dataKey(path.basename(source))}=${ctx.display(source)}`,
    );
  } else {
    ctx.skip(
      service,
      `volumes: ${ctx.display(source)}`,
      `the folder is not in the project: create the ConfigMap ${cmName} from its files`,
    );
    ctx.todo.push(
      `Create the ConfigMap ${cmName} from the folder ${ctx.display(source)} (not found when converting): kubectl -n ${ctx.namespaceOf(service)} create configmap ${cmName} --from-file=${ctx.display(source)}`,
    );
  }
}

/** The ConfigMap (or, for keys and certificates, the Secret) holding a bind mount's files; once however many share it. */
function emitFiles(
  ctx: ConvertContext,
  users: readonly string[],
  w: Workload,
  m: Mount,
  cmName: string,
  files: ReadFiles,
): void {
  const source = m.source ?? '';
  const shared = users.length > 1;
  const secret = files.sensitive.length > 0;
  const comments = [`Contents of ${ctx.display(source)}, bind-mounted at ${m.target} in Compose.`];
  if (shared) comments.push(`Shared by ${users.join(', ')}.`);
  const metadata = {
    name: cmName,
    labels: shared ? ctx.projectLabels() : ctx.labels(w),
  };
  if (secret) {
    comments.push(
      `A Secret, kept out of Git: ${files.sensitive.join(', ')} ${files.sensitive.length > 1 ? 'look' : 'looks'} like keys, certificates or credentials.`,
    );
    const data = { ...files.binary };
    for (const [k, v] of Object.entries(files.text)) data[k] = Buffer.from(v).toString('base64');
    ctx.emit({
      service: ctx.filedWith(users),
      file: `secret-${fileLabel(source)}`,
      secret: true,
      object: new Secret({ metadata, type: 'Opaque', data }),
      comments,
    });
  } else {
    // Host names of renamed services and fixed addresses become the Services' names in the files too.
    const data: Record<string, string> = {};
    const rewritten: string[] = [];
    for (const [k, v] of Object.entries(files.text)) {
      data[k] = ctx.rewriteFileReferences(v);
      if (data[k] !== v) rewritten.push(k);
    }
    if (rewritten.length)
      comments.push(
        `Host names of services renamed for Kubernetes (or their fixed addresses) were replaced by their Service names in ${rewritten.join(', ')}.`,
      );
    ctx.emit({
      service: ctx.filedWith(users),
      file: `configmap-${fileLabel(source)}`,
      object: new ConfigMap({
        metadata,
        ...(Object.keys(data).length ? { data } : {}),
        ...(Object.keys(files.binary).length ? { binaryData: files.binary } : {}),
      }),
      comments,
    });
  }
}

const fileLabel = (source: string): string => path.basename(source).replace(/[^a-zA-Z0-9.-]/g, '-');

/**
 * The mounted file (or a file of the mounted folder) that the service executes: the program of its
 * entrypoint, command or health check, or a command of a shell line (`sh -c "… && /x/run.sh"`, a
 * CMD-SHELL check). A script given to a shell to read (`sh /x/run.sh`) needs no executable mode.
 * A folder whose files are not known here (created by hand from NOTES.md) is matched by its path.
 */
function runsAsCommand(
  w: Workload,
  target: string,
  single: boolean,
  folderKeys: readonly string[],
): string | undefined {
  const folder = target.replace(/\/+$/, '');
  const argv = [...(w.entrypoint ?? []), ...(w.command ?? [])];
  const programs = [w.entrypoint?.[0], w.command?.[0]];
  const lines = shellLines(argv).map((l) => l.line);
  const check = w.healthcheck?.test ?? [];
  if (check[0] === 'CMD') programs.push(check[1]);
  else if (check[0] === 'CMD-SHELL') lines.push(check.slice(1).join(' '));
  for (const line of lines) programs.push(...linePrograms(line));
  if (single) return programs.find((p) => p === target);
  if (folderKeys.length) return folderKeys.map((k) => `${folder}/${k}`).find((p) => programs.includes(p));
  return programs.find((p) => p?.startsWith(`${folder}/`));
}
