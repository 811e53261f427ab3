import path from 'node:path';
import type { ServiceVolume } from '../compose/types.js';
import type { Origin } from '../diagnostics/diagnostic.js';
import { insideFolder, type FileSystem } from '../io/fs.js';
import { escapeRegExp } from '../io/shell.js';
import { keepsStateInConfig, type ImageKnowledge, type ImageRef } from '../knowledge/index.js';
import type { Mount } from './types.js';

const SOCKETS = /(^|\/)(docker|podman|containerd)\.sock$/;

/**
 * What each mount is for: persistent data, configuration, a host folder, scratch space, or the
 * Docker socket. A bind mount of one file (by what is on disk, else by its name) is configuration.
 * A path outside the project folder is the node's own (kind `node`): nothing there is ever read.
 */
export interface MountContext {
  readonly fs: FileSystem;
  readonly knowledge?: ImageKnowledge;
  /** The service's image: some image families keep their state in /config. */
  readonly image?: ImageRef;
  /** The project folder: a source outside it is the node's own. */
  readonly projectDir?: string;
  readonly origin?: Origin;
  /** The service's build context, when it is built here: a bind mount of it is its source code. */
  readonly buildContext?: string;
  /** The words of its health check, command and entrypoint: a folder it runs scripts from is code. */
  readonly runs?: string;
}

export function classifyMount(
  v: ServiceVolume,
  { fs, knowledge, image, projectDir, origin, buildContext, runs }: MountContext,
): Mount {
  const isDataPath = (knowledge?.dataPaths ?? []).some(
    (p) => v.target === p || v.target.startsWith(p + '/') || p.startsWith(v.target + '/'),
  );
  const base = { target: v.target, readOnly: Boolean(v.read_only), isDataPath, ...(origin ? { origin } : {}) };
  if (v.type === 'tmpfs')
    return { ...base, kind: 'scratch', memory: true, ...(v.tmpfs?.size ? { sizeBytes: v.tmpfs.size } : {}) };
  if (v.type === 'volume' || v.type === 'image' || v.type === 'cluster') {
    return v.source ? { ...base, kind: 'data', source: v.source, volume: v.source } : { ...base, kind: 'scratch' };
  }
  const source = v.source ?? '';
  if (SOCKETS.test(source) || SOCKETS.test(v.target)) return { ...base, kind: 'docker-socket', source };
  // A path of the machine itself (/proc, /etc, a home folder): never read, and only a node agent gets it.
  if (projectDir !== undefined && !insideFolder(fs, projectDir, source))
    return isDataPath ? { ...base, kind: 'host-path', source, isFile: false } : { ...base, kind: 'node', source };
  // Not on disk: a file by an extension, but `conf.d`, `initdb.d` (a folder read whole) is a folder.
  const isFile =
    fs.isFile(source) ||
    (!fs.isDirectory(source) &&
      /\.[A-Za-z0-9]{1,8}$/.test(path.basename(source)) &&
      !/\.d$/.test(path.basename(source)) &&
      !/\.d\/*$/.test(v.target));
  if (isFile) return { ...base, kind: 'config', source, isFile: true };
  if (isDataPath) return { ...base, kind: 'host-path', source, isFile: false };
  // The service's whole build context (voting-app's ./vote over /usr/local/app): its source, for
  // live reload. A folder inside it (./app/uploads) may be data, and is not taken for code.
  if (buildContext !== undefined && path.resolve(source) === path.resolve(buildContext))
    return { ...base, kind: 'source', source, isFile: false };
  // A folder the service runs scripts from (its health check runs /healthchecks/redis.sh): code.
  const folder = v.target.replace(/\/+$/, '');
  if (runs && folder && new RegExp(`(^|[\\s"'=:])${escapeRegExp(folder)}/[^\\s"']+${SCRIPT}`).test(runs))
    return { ...base, kind: 'config', source, isFile: false };
  // Image families that write their state into /config (jitsi, linuxserver, hotio): not configuration.
  if (!v.read_only && /^\/config\/?$/.test(v.target) && image && keepsStateInConfig(image))
    return { ...base, kind: 'host-path', source, isFile: false };
  const looksConfig =
    v.read_only ||
    /(^|\/)(etc|conf|config|configs|configuration|init|initdb|docker-entrypoint-initdb\.d|policies|provisioning|dashboards|templates|certs|ssl|tls|secrets)(\/|$)/i.test(
      v.target,
    );
  return { ...base, kind: looksConfig ? 'config' : 'host-path', source, isFile: false };
}

/** Trees of the node's own system: a container mounting them watches or manages the machine. */
const NODE_TREES = ['/proc', '/sys', '/dev', '/var/log', '/var/lib/docker', '/run/log', '/etc/machine-id'];

/**
 * Why the service is a node agent (a metrics exporter, a log shipper), or undefined: the catalog
 * says so, or it mounts the node's system trees (or its root) into the container.
 */
export function nodeAgentReason(storage: readonly Mount[], knowledge: ImageKnowledge | undefined): string | undefined {
  if (knowledge?.nodeAgent && storage.some((m) => m.kind === 'node'))
    return `${knowledge.name} reads the node it runs on`;
  const system = storage.find(
    (m) =>
      m.kind === 'node' &&
      m.source !== undefined &&
      (m.source === '/' || NODE_TREES.some((t) => m.source === t || m.source?.startsWith(`${t}/`))),
  );
  return system ? `it mounts the node's ${system.source ?? ''}` : undefined;
}

/** The end of a script's name: what a health check or a command runs from a mounted folder. */
const SCRIPT = String.raw`\.(sh|bash|py|js|mjs|rb|pl|php)(?=$|[\s"'])`;
