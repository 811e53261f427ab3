import type { ImageRef } from './index.js';

/** Images built on the official postgres image, whose entrypoint runs initdb in $PGDATA on first start. */
const OFFICIAL = /(^|\/)(postgres|postgis|timescaledb(-ha)?|pgvector)$/;

export const isOfficialPostgres = (ref: ImageRef): boolean =>
  OFFICIAL.test(ref.repository) && !ref.repository.startsWith('bitnami/');

/**
 * The data folder the official image uses (its Dockerfile's PGDATA): /var/lib/postgresql/<major>/docker
 * from 18 on, /var/lib/postgresql/data before. initdb refuses a folder that is not empty, and the root
 * of a fresh volume holds lost+found, so the data must live one folder down.
 */
export function defaultPgdata(tag: string | undefined): string {
  const major = Number(/^(\d+)/.exec(tag ?? '')?.[1] ?? 0);
  return major >= 18 ? `/var/lib/postgresql/${major}/docker` : '/var/lib/postgresql/data';
}
