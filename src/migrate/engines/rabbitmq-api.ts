import { MigrateError, type Endpoint } from '../types.js';
import { hideSecret, parseUrl } from '../url.js';

/** The RabbitMQ management API: where it is, and one call to it with a plain error. */
export function api(ep: Endpoint): { base: string; auth: string } {
  if (ep.transport.prefix.length)
    throw new MigrateError(
      'RabbitMQ is reached through its management API by URL: use kubectl port-forward to expose port 15672',
    );
  const u = parseUrl(ep.url);
  if (u.scheme !== 'http' && u.scheme !== 'https')
    throw new MigrateError(`${hideSecret(ep.url)} is not the http:// URL of a RabbitMQ management API`);
  return {
    base: `${u.scheme}://${u.host}:${u.port ?? 15672}`,
    auth: `Basic ${Buffer.from(`${u.user ?? 'guest'}:${u.password ?? 'guest'}`).toString('base64')}`,
  };
}

export async function call(
  ep: Endpoint,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  route = 'definitions',
  body?: string,
): Promise<string> {
  const { base, auth } = api(ep);
  let res: Response;
  try {
    res = await fetch(`${base}/api/${route}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new MigrateError(
      `RabbitMQ management API at ${hideSecret(ep.url)}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`,
    );
  }
  const text = await res.text();
  if (!res.ok)
    throw new MigrateError(
      `RabbitMQ management API at ${hideSecret(ep.url)} answered ${res.status}${res.status === 401 ? ' (wrong user or password)' : ''}: ${text.slice(0, 200)}`,
    );
  return text;
}

/**
 * How long the management API's message counts may lag behind the queues: its statistics interval
 * (`collect_statistics_interval`, 5 s by default) and a margin. A broker with another interval sets
 * STEVEDORE_RABBITMQ_STATS_MS. Counts are read only after waiting this long since the last change.
 */
export function statsLagMs(): number {
  const v = Number(process.env.STEVEDORE_RABBITMQ_STATS_MS);
  return Number.isFinite(v) && v >= 0 ? v : 6000;
}

export const settleStats = (): Promise<void> => new Promise((r) => setTimeout(r, statsLagMs()));
