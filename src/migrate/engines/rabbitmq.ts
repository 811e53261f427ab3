import { dnsLabel } from '../../transform/names.js';
import { versionCheck } from '../checks.js';
import {
  type Comparison,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOptions,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { hideSecret } from '../url.js';
import { api, call, settleStats } from './rabbitmq-api.js';
import { compareMoved, moveMessages, type MovedMessages } from './rabbitmq-messages.js';

/** What the run's message move did, for the verification that follows it. */
const movedBy = new WeakMap<Endpoint, MovedMessages>();

type Definitions = Record<string, unknown>;
type Item = Record<string, unknown>;
type Kind = (typeof KINDS)[number];
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

async function definitions(ep: Endpoint): Promise<Definitions> {
  return JSON.parse(await call(ep, 'GET')) as Definitions;
}

/** Global parameters that belong to the broker itself, not to what the user defined: never copied or compared. */
const BROKER_OWN = new Set(['cluster_name', 'internal_cluster_id']);

/** What the user defined, without what every fresh broker has (amq.* exchanges) or its own identity. */
function userDefined(d: Definitions): Record<Kind, Item[]> {
  const out = Object.fromEntries(KINDS.map((k) => [k, [] as Item[]])) as Record<Kind, Item[]>;
  for (const k of KINDS) {
    let items = (Array.isArray(d[k]) ? d[k] : []) as Item[];
    if (k === 'exchanges') items = items.filter((x) => !String(x.name).startsWith('amq.') && x.name !== '');
    if (k === 'global_parameters') items = items.filter((x) => !BROKER_OWN.has(String(x.name)));
    out[k] = items;
  }
  return out;
}

/** What makes two objects of a kind the same object (their name, or for a binding all of it). */
function identity(kind: Kind, x: Item): string {
  const f = (...names: string[]) => names.map((n) => canonical(x[n])).join(' ');
  switch (kind) {
    case 'vhosts':
    case 'users':
    case 'global_parameters':
      return f('name');
    case 'permissions':
      return f('user', 'vhost');
    case 'topic_permissions':
      return f('user', 'vhost', 'exchange');
    case 'parameters':
      return f('vhost', 'component', 'name');
    case 'bindings':
      return f('vhost', 'source', 'destination_type', 'destination', 'routing_key', 'arguments');
    default:
      return f('vhost', 'name');
  }
}

/** Everything an object says, nested keys sorted; users without their password hash (brokers may re-hash). */
function content(kind: Kind, x: Item): string {
  if (kind !== 'users') return canonical(x);
  const { password_hash: _hash, hashing_algorithm: _algorithm, ...rest } = x;
  return canonical(rest);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Item)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

const label = (kind: Kind, x: Item) =>
  kind === 'bindings'
    ? `${String(x.source)} → ${String(x.destination)} (${String(x.routing_key)})`
    : [x.vhost, x.user, x.name]
        .filter((p) => p !== undefined && p !== '')
        .map(String)
        .join('/') || '/';

/**
 * Definitions — vhosts, users (with their password hashes), permissions, policies, queues,
 * exchanges, bindings — exported from the source's management API and imported into the target's.
 * Messages are not moved: drain the queues before the switch.
 */
export const rabbitmqEngine: Engine = {
  id: 'rabbitmq',
  schemes: ['http', 'https'],
  method:
    'definitions (vhosts, users, queues, exchanges, bindings, policies): GET /api/definitions from the source, POST /api/definitions to the target; queued messages only with --move-messages, pulled by shovels on the target (they leave the source), counted per queue',

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
          `messages still in queues are not moved unless asked: drain the queues first, or add --move-messages 'amqp://${user}:${has('RABBITMQ_DEFAULT_PASS') ? '${RABBITMQ_DEFAULT_PASS}' : 'guest'}@<compose host>:5672' (the source's AMQP port as the target pod reaches it; the target pulls them with shovels once its shovel plugin is enabled, and they leave the source, so a rollback to Compose needs them moved back)`,
        ],
        leaves: `${w.name}: messages in queues (drain them before the switch, or --move-messages)`,
      },
    ];
  },

  async identify(ep) {
    // One cluster shares its definitions: its name is what it is (rename one with
    // `rabbitmqctl set_cluster_name` if two different brokers share a name).
    const o = JSON.parse(await call(ep, 'GET', 'overview')) as { cluster_name?: string };
    return `RabbitMQ cluster ${o.cluster_name ?? '?'}`;
  },

  async preflight(src, dst) {
    const version = async (ep: Endpoint) =>
      (JSON.parse(await call(ep, 'GET', 'overview')) as { rabbitmq_version?: string }).rabbitmq_version ?? '?';
    const [sv, tv] = await Promise.all([version(src), version(dst)]);
    return [versionCheck('server versions', sv, tv, 'definitions of a newer broker may name what an older one lacks')];
  },

  async inspect(ep): Promise<Inspection> {
    const text = await call(ep, 'GET');
    const d = userDefined(JSON.parse(text) as Definitions);
    const objects = d.queues.length + d.exchanges.length + d.bindings.length + d.policies.length;
    return { sizeBytes: text.length, objects, empty: objects === 0 };
  },

  describe(src, dst, o) {
    return [
      ...(o.force
        ? [`DELETE ${api(dst).base}/api/queues|exchanges/… for each one the source defines differently`]
        : []),
      `curl -u *** ${api(src).base}/api/definitions | (without the source's cluster name) curl -u *** -H 'content-type: application/json' -X POST --data-binary @- ${api(dst).base}/api/definitions`,
      ...(o.moveMessages
        ? [
            `for each queue holding messages: PUT ${api(dst).base}/api/parameters/shovel/<vhost>/stevedore-move-<queue> (from ${hideSecret(o.moveMessages)}, deleted after the messages queued now), then wait until the source queues are empty`,
          ]
        : []),
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    movedBy.delete(src);
    const text = await call(src, 'GET');
    const d = JSON.parse(text) as Definitions;
    for (const k of ['rabbit_version', 'rabbitmq_version', 'product_name', 'product_version']) delete d[k];
    // The target keeps its own cluster name: it is the broker's identity, not the user's data.
    if (Array.isArray(d.global_parameters))
      d.global_parameters = (d.global_parameters as Item[]).filter((x) => !BROKER_OWN.has(String(x.name)));
    const notes: string[] = [];
    try {
      // A queue or exchange that exists on the target with other settings is not changed by an import
      // (the broker keeps the old one): with --force it is deleted first so the source's version lands.
      if (o.force) notes.push(...(await removeConflicting(d, dst)));
      await call(dst, 'POST', 'definitions', JSON.stringify(d));
    } catch (e) {
      return {
        ok: false,
        bytes: 0,
        error: `${(e as Error).message}. Import is all-or-nothing on the broker's side: fix the cause and run again.`,
        notes,
      };
    }
    const n = userDefined(d);
    notes.push(
      `${n.queues.length} queues, ${n.exchanges.length} exchanges, ${n.bindings.length} bindings, ${n.policies.length} policies, ${n.users.length} users imported${o.moveMessages ? '' : '; messages were not moved'}`,
    );
    if (o.moveMessages) {
      const failed = await moveAfterImport(src, dst, o, notes);
      if (failed) return { ok: false, bytes: text.length, error: failed, notes };
    }
    return { ok: true, bytes: text.length, notes };
  },

  async verify(src, dst): Promise<Verification> {
    const moved = movedBy.get(src);
    movedBy.delete(src);
    const [a, b] = (await Promise.all([definitions(src), definitions(dst)])).map(userDefined) as [
      Record<Kind, Item[]>,
      Record<Kind, Item[]>,
    ];
    const items: Comparison[] = KINDS.map((k) => compareKind(k, a[k], b[k]));
    // Messages not moved would be lost at the switch. The API's counts lag: they are read once they
    // have caught up with what happened before the verification started.
    await settleStats();
    const queues = JSON.parse(await call(src, 'GET', 'queues?columns=name,vhost,messages')) as Item[];
    const waiting = queues.filter((q) => Number(q.messages ?? 0) > 0);
    const total = waiting.reduce((n, q) => n + Number(q.messages ?? 0), 0);
    items.push({
      object: 'messages left in the source queues (not moved)',
      source: total
        ? `${total} in ${waiting
            .slice(0, 5)
            .map((q) => `${String(q.vhost)}/${String(q.name)}`)
            .join(', ')}${waiting.length > 5 ? ', …' : ''}`
        : '0',
      target: 'drain them before the switch, or move them (--move-messages)',
      equal: total === 0,
    });
    if (moved?.queues.length) items.push(await compareMoved(dst, moved));
    return { ok: items.every((i) => i.equal), items };
  },
};

/** The run's message move (--move-messages): its notes added, its counts kept for the verification; the error, if any. */
async function moveAfterImport(
  src: Endpoint,
  dst: Endpoint,
  o: RunOptions,
  notes: string[],
): Promise<string | undefined> {
  try {
    const m = await moveMessages(src, dst, {
      amqp: o.moveMessages ?? '',
      ...(o.moveConnectTimeoutMs ? { connectTimeoutMs: o.moveConnectTimeoutMs } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    movedBy.set(src, m.moved);
    notes.push(...m.notes);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** One kind, object by object: missing on the target, or defined differently (named); extras are shown. */
function compareKind(kind: Kind, source: Item[], target: Item[]): Comparison {
  const there = new Map(target.map((x) => [identity(kind, x), x]));
  const missing: string[] = [];
  const differ: string[] = [];
  for (const x of source) {
    const y = there.get(identity(kind, x));
    if (!y) missing.push(label(kind, x));
    else if (content(kind, x) !== content(kind, y)) differ.push(label(kind, x));
  }
  const mine = new Set(source.map((x) => identity(kind, x)));
  const extra = target.filter((y) => !mine.has(identity(kind, y))).length;
  const named = (what: string, list: string[]) =>
    list.length ? [`${list.length} ${what}: ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`] : [];
  const notes = [
    ...named('missing', missing),
    ...named('defined differently', differ),
    ...(extra ? [`${extra} only on the target`] : []),
  ];
  return {
    object: kind,
    source: String(source.length),
    target: `${target.length}${notes.length ? ` (${notes.join('; ')})` : ''}`,
    equal: missing.length === 0 && differ.length === 0,
  };
}

/** Deletes the target's queues and exchanges that the source defines with other settings; says which. */
async function removeConflicting(d: Definitions, dst: Endpoint): Promise<string[]> {
  const theirs = userDefined(await definitions(dst));
  const mine = userDefined(d);
  const notes: string[] = [];
  for (const kind of ['queues', 'exchanges'] as const) {
    const there = new Map(theirs[kind].map((x) => [identity(kind, x), x]));
    for (const x of mine[kind]) {
      const y = there.get(identity(kind, x));
      if (!y || content(kind, x) === content(kind, y)) continue;
      await call(dst, 'DELETE', `${kind}/${encodeURIComponent(String(x.vhost))}/${encodeURIComponent(String(x.name))}`);
      notes.push(
        `--force: ${kind.slice(0, -1)} ${label(kind, x)} was defined differently on the target and was replaced`,
      );
    }
  }
  return notes;
}
