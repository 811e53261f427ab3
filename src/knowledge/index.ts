import { CATALOG } from './catalog.js';
import type { ImageKnowledge } from './types.js';

export * from './types.js';
export { CATALOG } from './catalog.js';

/** An image reference taken apart: `[registry/]repository[:tag][@digest]`. */
export interface ImageRef {
  readonly raw: string;
  /** Absent for Docker Hub. */
  readonly registry?: string;
  /** Without Docker Hub's `library/` prefix. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImage(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) registry = parts.shift();
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io')
    registry = undefined;
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  const repository = parts.join('/').toLowerCase();
  return { raw, ...(registry ? { registry } : {}), repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** True when the reference names a moving target: `:latest`, no tag, or a tag made only of a variable default. */
export function isUnpinned(ref: ImageRef): boolean {
  if (ref.digest) return false;
  return ref.tag === undefined || ref.tag === 'latest' || ref.tag === '';
}

const INDEX = new Map<string, ImageKnowledge>();
for (const entry of CATALOG) for (const image of entry.images) INDEX.set(image.toLowerCase(), entry);

/** What the catalog knows about an image, by its full name, its repository, or an official image's name behind a mirror. */
export function lookupImage(ref: ImageRef): ImageKnowledge | undefined {
  if (ref.registry) {
    const full = INDEX.get(`${ref.registry}/${ref.repository}`);
    if (full) return full;
  }
  const direct = INDEX.get(ref.repository);
  if (direct) return direct;
  // A mirror such as registry.example.com/mirror/postgres: match the official image by its last name.
  const last = ref.repository.split('/').pop() ?? ref.repository;
  const official = INDEX.get(last);
  return official && official.images.includes(last) ? official : undefined;
}

/** Image families that write their state (keys, databases, generated settings) into /config. */
const STATE_IN_CONFIG = /^(lscr\.io\/|ghcr\.io\/)?(linuxserver|jitsi|hotio)\//;

/** Whether the image keeps its state in /config (jitsi, linuxserver, hotio): a writable /config there is data. */
export function keepsStateInConfig(ref: ImageRef): boolean {
  return STATE_IN_CONFIG.test(ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository);
}

export function knowledgeById(id: string): ImageKnowledge | undefined {
  return CATALOG.find((k) => k.id === id);
}

/** The user an image runs as, for its variant: uid, fsGroup, whether it must start as root, and the source. */
export interface RuntimeUser {
  readonly uid?: number;
  readonly fsGroup?: number;
  readonly needsRoot: boolean;
  readonly source?: string;
}

export function runtimeUser(k: ImageKnowledge, ref: ImageRef | undefined): RuntimeUser {
  const repo = ref?.repository;
  const last = repo?.split('/').pop();
  const v = k.variants?.find(
    (x) =>
      (!x.images ||
        (repo !== undefined && (x.images.includes(repo) || (last !== undefined && x.images.includes(last))))) &&
      (!x.tag || x.tag.test(ref?.tag ?? '')),
  );
  if (v)
    return {
      ...(v.uid !== undefined ? { uid: v.uid } : {}),
      ...(v.fsGroup !== undefined ? { fsGroup: v.fsGroup } : {}),
      needsRoot: Boolean(v.needsRoot),
      source: v.source,
    };
  return {
    ...(k.uid !== undefined ? { uid: k.uid } : {}),
    ...(k.fsGroup !== undefined ? { fsGroup: k.fsGroup } : {}),
    needsRoot: Boolean(k.needsRoot),
    ...(k.userSource ? { source: k.userSource } : {}),
  };
}
