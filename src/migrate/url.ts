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

export { hideSecret } from '../io/redact.js';
