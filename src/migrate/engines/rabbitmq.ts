import { dnsLabel } from '../../transform/names.js';
import {
  MigrateError,
  type Comparison,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { hideSecret, parseUrl } from '../url.js';

type Definitions = Record<string, unknown>;
type Item = Record<string, unknown>;
const KINDS = [
  'vhosts',
  'users',
  'permissions',
  'topic_permissions',
  'parameters',
  'global_parameters',
  'policies',
  'queues',
  'exchanges',
  'bindings',
] as const;

function api(ep: Endpoint): { base: string; auth: string } {
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

async function call(ep: Endpoint, method: 'GET' | 'POST', body?: string): Promise<string> {
  const { base, auth } = api(ep);
  let res: Response;
  try {
    res = await fetch(`${base}/api/definitions`, {
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

async function definitions(ep: Endpoint): Promise<Definitions> {
  return JSON.parse(await call(ep, 'GET')) as Definitions;
}

/** What the user defined, without what every fresh broker has (the / vhost, amq.* exchanges). */
function userDefined(d: Definitions): Record<(typeof KINDS)[number], Item[]> {
  const out = Object.fromEntries(KINDS.map((k) => [k, [] as Item[]])) as Record<(typeof KINDS)[number], Item[]>;
  for (const k of KINDS) {
    let items = (Array.isArray(d[k]) ? d[k] : []) as Item[];
    if (k === 'exchanges') items = items.filter((x) => !String(x.name).startsWith('amq.') && x.name !== '');
    out[k] = items;
  }
  return out;
}

function key(kind: string, x: Record<string, unknown>): string {
  const strip = ({ ...o }: Record<string, unknown>) => {
    delete o.password_hash; // re-hashed by some versions; users are compared by name, tags and limits
    delete o.hashing_algorithm;
    return o;
  };
  return JSON.stringify(kind === 'users' ? strip(x) : x, Object.keys(kind === 'users' ? strip(x) : x).sort());
}

/**
 * Definitions — vhosts, users (with their password hashes), permissions, policies, queues,
 * exchanges, bindings — exported from the source's management API and imported into the target's.
 * Messages are not moved: drain the queues before the switch.
 */
export const rabbitmqEngine: Engine = {
  id: 'rabbitmq',
  schemes: ['http', 'https'],
  method:
    'definitions (vhosts, users, queues, exchanges, bindings, policies): GET /api/definitions from the source, POST /api/definitions to the target; messages are not moved',

  plan({ workload: w, namespace, plain, has }) {
    const user = plain('RABBITMQ_DEFAULT_USER') ?? 'guest';
    const pw = has('RABBITMQ_DEFAULT_PASS') ? '${RABBITMQ_DEFAULT_PASS}' : 'guest';
    const published = w.ports.find((p) => p.port === 15672)?.published ?? '15672';
    return [
      {
        source: { url: `http://${user}:${pw}@localhost:${published}` },
        target: { url: `http://${user}:${pw}@localhost:25672` },
        needs: has('RABBITMQ_DEFAULT_PASS') ? ['RABBITMQ_DEFAULT_PASS'] : [],
        notes: [
          `first: kubectl port-forward -n ${namespace} svc/${dnsLabel(w.name)} 25672:15672`,
          'messages still in queues are not moved: drain the queues first',
        ],
        leaves: `${w.name}: messages in queues (drain them before the switch)`,
      },
    ];
  },

  async inspect(ep): Promise<Inspection> {
    const text = await call(ep, 'GET');
    const d = userDefined(JSON.parse(text) as Definitions);
    const objects = d.queues.length + d.exchanges.length + d.bindings.length + d.policies.length;
    return { sizeBytes: text.length, objects, empty: objects === 0 };
  },

  describe(src, dst) {
    return [
      `curl -u *** ${api(src).base}/api/definitions | curl -u *** -H 'content-type: application/json' -X POST --data-binary @- ${api(dst).base}/api/definitions`,
    ];
  },

  async run(src, dst): Promise<RunOutcome> {
    const text = await call(src, 'GET');
    const d = JSON.parse(text) as Definitions;
    delete d.rabbit_version;
    delete d.rabbitmq_version;
    delete d.product_name;
    delete d.product_version;
    try {
      await call(dst, 'POST', JSON.stringify(d));
    } catch (e) {
      return {
        ok: false,
        bytes: 0,
        error: `${(e as Error).message}. Import is all-or-nothing on the broker's side: fix the cause and run again.`,
        notes: [],
      };
    }
    const n = userDefined(d);
    return {
      ok: true,
      bytes: text.length,
      notes: [
        `${n.queues.length} queues, ${n.exchanges.length} exchanges, ${n.bindings.length} bindings, ${n.users.length} users imported; messages were not moved`,
      ],
    };
  },

  async verify(src, dst): Promise<Verification> {
    const [a, b] = (await Promise.all([definitions(src), definitions(dst)])).map(userDefined) as [
      ReturnType<typeof userDefined>,
      ReturnType<typeof userDefined>,
    ];
    const items: Comparison[] = KINDS.map((k) => {
      const ka = new Set(a[k].map((x) => key(k, x)));
      const kb = new Set(b[k].map((x) => key(k, x)));
      const missing = [...ka].filter((x) => !kb.has(x)).length;
      return {
        object: k,
        source: String(ka.size),
        target: `${kb.size}${missing ? ` (${missing} missing)` : ''}`,
        equal: missing === 0,
      };
    });
    return { ok: items.every((i) => i.equal), items };
  },
};
