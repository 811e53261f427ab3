import { MigrateError, type Comparison, type Endpoint } from '../types.js';
import { hideSecret } from '../url.js';
import { call, settleStats, statsLagMs } from './rabbitmq-api.js';

/**
 * Queued messages moved by the target broker itself: one dynamic shovel a queue, created on the
 * target, pulls the messages the source queue holds when it starts (acknowledged at the source only
 * once the target has confirmed them) and deletes itself after that many. Counts read through the
 * management API lag by its statistics interval (5 s by default): run after the writers have stopped. The messages leave the source: this is a
 * move, asked for explicitly; nothing passes through this machine.
 */

interface QueueState {
  readonly vhost: string;
  readonly name: string;
  readonly messages: number;
  readonly unacked: number;
  readonly type: string;
}

/** What a move did, for the verification: per queue, how many messages, and the target's count before. */
export interface MovedMessages {
  readonly queues: readonly { readonly key: string; readonly moved: number; readonly targetBefore: number }[];
}

const keyOf = (q: { vhost: string; name: string }) => `${q.vhost}/${q.name}`;
/** A field of the API's JSON that should be text. */
const text = (v: unknown, otherwise: string): string => (typeof v === 'string' ? v : otherwise);
const SHOVEL_PREFIX = 'stevedore-move-';

async function queues(ep: Endpoint): Promise<QueueState[]> {
  const list = JSON.parse(
    await call(ep, 'GET', 'queues?columns=name,vhost,messages,messages_unacknowledged,type'),
  ) as Record<string, unknown>[];
  return list.map((q) => ({
    vhost: String(q.vhost),
    name: String(q.name),
    messages: Number(q.messages ?? 0),
    unacked: Number(q.messages_unacknowledged ?? 0),
    type: text(q.type, 'classic'),
  }));
}

/** The source as the target broker reaches it, for one virtual host (`amqp://user:pass@host:5672/<vhost>`). */
export function shovelSource(amqp: string, vhost: string): string {
  let u: URL;
  try {
    u = new URL(amqp);
  } catch {
    throw new MigrateError(`--move-messages: not an amqp:// URL: ${hideSecret(amqp)}`);
  }
  if (u.protocol !== 'amqp:' && u.protocol !== 'amqps:')
    throw new MigrateError(
      `--move-messages: the source's AMQP URL (amqp://user:password@host:5672), not ${u.protocol}`,
    );
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
  return `${u.protocol}//${auth}${u.host}/${encodeURIComponent(vhost)}`;
}

/** The shovels this move made that the target still runs, with the state each reports. */
async function ourShovels(dst: Endpoint): Promise<{ name: string; vhost: string; state: string; reason: string }[]> {
  const params = JSON.parse(await call(dst, 'GET', 'parameters/shovel')) as Record<string, unknown>[];
  const status = JSON.parse(await call(dst, 'GET', 'shovels')) as Record<string, unknown>[];
  return params
    .filter((p) => String(p.name).startsWith(SHOVEL_PREFIX))
    .map((p) => {
      const s = status.find((x) => x.name === p.name && x.vhost === p.vhost);
      return {
        name: String(p.name),
        vhost: String(p.vhost),
        state: text(s?.state, 'starting'),
        reason: text(s?.reason, ''),
      };
    });
}

async function removeShovels(dst: Endpoint): Promise<void> {
  for (const s of await ourShovels(dst).catch(() => []))
    await call(dst, 'DELETE', `parameters/shovel/${encodeURIComponent(s.vhost)}/${encodeURIComponent(s.name)}`).catch(
      () => undefined,
    );
}

export interface MoveOptions {
  /** The source's AMQP URL as the target broker reaches it. */
  readonly amqp: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, unit: string) => void;
  /** How long the shovels may take. @default 30 minutes */
  readonly timeoutMs?: number;
  /** How long a shovel may stay unconnected (a wrong password or host retries for ever). @default 30 s */
  readonly connectTimeoutMs?: number;
}

/**
 * Moves every message queued at the source into the same queue on the target (whose definitions are
 * already imported), and waits until the source queues are empty and the shovels gone. On failure,
 * time-out or interruption the shovels are removed: what they moved stays moved, the rest stays at
 * the source, and the error says how many of each.
 */
export async function moveMessages(
  src: Endpoint,
  dst: Endpoint,
  o: MoveOptions,
): Promise<{ moved: MovedMessages; notes: string[] }> {
  const notes: string[] = [];
  // The queues to move are chosen by the API's counts: read once they have caught up.
  await settleStats();
  const all = await queues(src);
  const streams = all.filter((q) => q.type === 'stream' && q.messages > 0);
  for (const q of streams)
    notes.push(`stream ${keyOf(q)} is a log, not moved by a shovel: its consumers replay it from the source`);
  const waiting = all.filter((q) => q.type !== 'stream' && q.messages > 0);
  if (!waiting.length) return { moved: { queues: [] }, notes: [...notes, 'no messages were queued at the source'] };
  try {
    await call(dst, 'GET', 'shovels');
  } catch (e) {
    throw new MigrateError(
      `the target broker cannot move messages: enable its shovel plugin first (kubectl exec into it: rabbitmq-plugins enable rabbitmq_shovel rabbitmq_shovel_management). ${(e as Error).message}`,
    );
  }
  const before = new Map((await queues(dst)).map((q) => [keyOf(q), q.messages]));
  const total = waiting.reduce((n, q) => n + q.messages, 0);
  try {
    for (const q of waiting) {
      const value = {
        'src-protocol': 'amqp091',
        'src-uri': shovelSource(o.amqp, q.vhost),
        'src-queue': q.name,
        // The shovel counts the queue itself when it starts (the API's counts lag by a few seconds).
        'src-delete-after': 'queue-length',
        'dest-protocol': 'amqp091',
        'dest-uri': `amqp:///${encodeURIComponent(q.vhost)}`,
        'dest-queue': q.name,
        'ack-mode': 'on-confirm',
      };
      await call(
        dst,
        'PUT',
        `parameters/shovel/${encodeURIComponent(q.vhost)}/${encodeURIComponent(`${SHOVEL_PREFIX}${q.name}`)}`,
        JSON.stringify({ value }),
      );
    }
    await waitForShovels(src, dst, waiting, o);
  } catch (e) {
    await removeShovels(dst);
    throw new MigrateError(
      `${(e as Error).message}. The shovels were removed: what they moved is on the target, the rest still at the source; run again with --force to move the rest.`,
    );
  }
  notes.push(
    `${total} messages moved from ${waiting.length} queue${waiting.length === 1 ? '' : 's'} by shovels on the target; they have left the source`,
  );
  return {
    moved: {
      queues: waiting.map((q) => ({ key: keyOf(q), moved: q.messages, targetBefore: before.get(keyOf(q)) ?? 0 })),
    },
    notes,
  };
}

/** Waits until the source queues are empty and the shovels gone; fails on a broken or stuck shovel. */
async function waitForShovels(
  src: Endpoint,
  dst: Endpoint,
  waiting: readonly QueueState[],
  o: MoveOptions,
): Promise<void> {
  const total = waiting.reduce((n, q) => n + q.messages, 0);
  const started = Date.now();
  const deadline = started + (o.timeoutMs ?? 30 * 60_000);
  for (;;) {
    const now = new Map((await queues(src)).map((q) => [keyOf(q), q]));
    const left = waiting.reduce((n, q) => {
      const s = now.get(keyOf(q));
      return n + Math.min(q.messages, (s?.messages ?? 0) + (s?.unacked ?? 0));
    }, 0);
    o.onProgress?.(total - left, total, 'messages');
    const running = await ourShovels(dst);
    const broken = running.find((s) => s.state === 'terminated' && s.reason);
    if (broken)
      throw new MigrateError(
        `the shovel of ${broken.vhost}/${broken.name.slice(SHOVEL_PREFIX.length)} stopped: ${hideSecret(broken.reason).slice(0, 300)} (can the target broker reach the source's AMQP port?)`,
      );
    const stuck = running.find((s) => s.state === 'starting');
    if (stuck && Date.now() - started > (o.connectTimeoutMs ?? 30_000))
      throw new MigrateError(
        `the shovel of ${stuck.vhost}/${stuck.name.slice(SHOVEL_PREFIX.length)} has not connected in ${Math.round((Date.now() - started) / 1000)} s: can the target broker reach ${hideSecret(o.amqp)}, and are its user and password right?`,
      );
    if (!running.length && left === 0) return;
    if (o.signal?.aborted) throw new MigrateError(`stopped on request after ${total - left} of ${total} messages`);
    if (Date.now() > deadline)
      throw new MigrateError(`the shovels had moved ${total - left} of ${total} messages when time ran out`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The verification's line for a move: every queue on the target holds what it held plus what was
 * moved into it. The caller has let the management API's counts catch up (verify waits once for
 * all its reads); they are read again for up to two more intervals (a shovel's last confirms)
 * before a difference is reported.
 */
export async function compareMoved(dst: Endpoint, moved: MovedMessages): Promise<Comparison> {
  const until = Date.now() + 2 * statsLagMs();
  for (;;) {
    const now = new Map((await queues(dst)).map((q) => [keyOf(q), q.messages + q.unacked]));
    const short = moved.queues.filter((q) => (now.get(q.key) ?? 0) - q.targetBefore !== q.moved);
    if (short.length && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    const sent = moved.queues.reduce((n, q) => n + q.moved, 0);
    const landed = moved.queues.reduce((n, q) => n + (now.get(q.key) ?? 0) - q.targetBefore, 0);
    return {
      object: 'messages moved (counted in each queue)',
      source: String(sent),
      target: short.length
        ? `${landed} (differs in ${short
            .slice(0, 5)
            .map((q) => q.key)
            .join(', ')})`
        : String(landed),
      equal: short.length === 0,
    };
  }
}
