import path from 'node:path';
import type { ServiceVolume } from '../compose/types.js';
import type { Origin } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../io/fs.js';
import type { ImageKnowledge } from '../knowledge/index.js';
import type { Mount } from './types.js';

const SOCKETS = /(^|\/)(docker|podman|containerd)\.sock$/;

/**
 * What each mount is for: persistent data, configuration, a host folder, scratch space, or the
 * Docker socket. A bind mount of one file (by what is on disk, else by its name) is configuration.
 */
export function classifyMount(
  v: ServiceVolume,
  knowledge: ImageKnowledge | undefined,
  fs: FileSystem,
  origin?: Origin,
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
  const isFile = fs.isFile(source) || (!fs.isDirectory(source) && /\.[A-Za-z0-9]{1,8}$/.test(path.basename(source)));
  if (isFile) return { ...base, kind: 'config', source, isFile: true };
  if (isDataPath) return { ...base, kind: 'host-path', source, isFile: false };
  const looksConfig =
    v.read_only ||
    /(^|\/)(etc|conf|config|configs|configuration|init|initdb|docker-entrypoint-initdb\.d|policies|provisioning|dashboards|templates|certs|ssl|tls|secrets)(\/|$)/i.test(
      v.target,
    );
  return { ...base, kind: looksConfig ? 'config' : 'host-path', source, isFile: false };
}
