/** An image reference split the way Kustomize's `images:` and a Helm chart's values hold it. */
export interface ImageParts {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** `registry:5000/team/app:1.2@sha256:…` → repository, tag, digest (a port is not a tag). */
export function splitImage(image: string): ImageParts {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  const tag = colon > rest.lastIndexOf('/') ? rest.slice(colon + 1) : undefined;
  const repository = tag === undefined ? rest : rest.slice(0, colon);
  return { repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export function joinImage(p: ImageParts): string {
  return `${p.repository}${p.tag !== undefined ? `:${p.tag}` : ''}${p.digest !== undefined ? `@${p.digest}` : ''}`;
}
