import { hideSecret } from '../io/redact.js';
import { MigrateError } from './types.js';

export interface ParsedUrl {
  readonly scheme: string;
  readonly user?: string;
  readonly password?: string;
  readonly host: string;
  readonly port?: number;
  /** Database name (path without the slash) or redis db number. */
  readonly database?: string;
  readonly params: URLSearchParams;
}

export function parseUrl(raw: string): ParsedUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new MigrateError(`"${hideSecret(raw)}" is not a URL like postgres://user:password@host:5432/database`);
  }
  const scheme = u.protocol.replace(/:$/, '');
  return {
    scheme,
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    host: u.hostname || 'localhost',
    ...(u.port ? { port: Number(u.port) } : {}),
    ...(u.pathname.length > 1 ? { database: decodeURIComponent(u.pathname.slice(1)) } : {}),
    params: u.searchParams,
  };
}

/**
 * The URL with another database in its path, the rest as written: `${VAR}` placeholders and
 * parameters stay untouched (a URL parser would encode them).
 */
export function withDatabase(url: string, name: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/i.exec(url);
  if (!m) throw new MigrateError(`cannot name database ${name} in ${url}`);
  return `${m[1] ?? ''}/${encodeURIComponent(name)}${m[3] ?? ''}`;
}

export { hideSecret } from '../io/redact.js';
