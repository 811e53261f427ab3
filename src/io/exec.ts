import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { localTool } from './local-tool.js';
import { SECRET_ENV, hideSecret } from './redact.js';
import { shellQuote } from './shell.js';

/**
 * How commands reach the place they run: locally (no prefix), or inside a container through an
 * exec prefix such as `docker exec -i NAME`, `podman exec -i NAME`, `kubectl exec -i -n NS POD -c C --`.
 * Environment variables travel as `env K=V` after the prefix, since only some exec tools take -e.
 */
export interface Transport {
  readonly name: string;
  readonly prefix: readonly string[];
}

export const LOCAL: Transport = { name: 'local', prefix: [] };

export function dockerExec(container: string, tool: 'docker' | 'podman' = 'docker'): Transport {
  return { name: `${tool} exec ${container}`, prefix: [tool, 'exec', '-i', container] };
}

/** Where a Docker volume is mounted inside {@link dockerVolume}'s helper container. */
export const VOLUME_MOUNT = '/volume';

/**
 * A throwaway helper container with a Docker volume mounted read-only: reads a stopped service's
 * data (exec into a stopped container is impossible, and a running one may still write).
 */
/**
 * A throwaway helper container with a host folder bind-mounted read-only. \`--mount\` (not -v):
 * a folder that is not there is an error, never created.
 */
export function dockerFolder(folder: string, image = 'busybox:1.36.1'): Transport {
  return {
    name: `a helper container reading the folder ${folder}`,
    prefix: [
      'docker',
      'run',
      '--rm',
      '-i',
      '--mount',
      `type=bind,source=${folder},target=${VOLUME_MOUNT},readonly`,
      image,
    ],
  };
}

export function dockerVolume(volume: string, image = 'busybox:1.36.1'): Transport {
  return {
    name: `a helper container reading the volume ${volume}`,
    prefix: ['docker', 'run', '--rm', '-i', '-v', `${volume}:${VOLUME_MOUNT}:ro`, image],
  };
}

export function kubectlExec(namespace: string, pod: string, container?: string): Transport {
  return {
    name: `kubectl exec ${namespace}/${pod}`,
    prefix: ['kubectl', 'exec', '-i', '-n', namespace, pod, ...(container ? ['-c', container] : []), '--'],
  };
}

/** A transport from a command prefix written by the user, e.g. "docker exec -i db". */
export function transportFrom(prefix: string | undefined): Transport {
  if (!prefix?.trim()) return LOCAL;
  const words = prefix.trim().split(/\s+/);
  return { name: prefix.trim(), prefix: words };
}

export interface Command {
  readonly argv: readonly string[];
  /** Variables for the command (passwords): local env, or `env K=V` through a transport. */
  readonly env?: Readonly<Record<string, string>>;
  readonly transport: Transport;
}

/** What to spawn: the file, its arguments, its environment, and what to write to its stdin first. */
export interface Spawnable {
  readonly file: string;
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
  /** Secrets for a command behind an exec transport, one per line, read by a shell before the command starts. */
  readonly stdinPrefix?: Buffer;
}

/**
 * How a command is started. Locally its variables go in its environment. Through an exec transport
 * the prefix's arguments are visible to anyone who runs ps, so plain variables travel as `env K=V`
 * but secrets travel over stdin: a shell inside reads one line per secret, exports it and execs the
 * command, whose stdin then carries on with the data. (The prefix must pass stdin: `docker exec -i`.)
 */
export function commandLine(c: Command): Spawnable {
  const envPairs = Object.entries(c.env ?? {});
  if (c.transport.prefix.length === 0) {
    const [name = '', ...args] = c.argv;
    const env = { ...process.env, ...(c.env ?? {}) };
    const file = localTool(name, env);
    // What pg_wrapper sets before it runs the binary: where pg_service.conf is looked for.
    if (file !== name) env.PGSYSCONFDIR ??= '/etc/postgresql-common';
    return { file, args, env };
  }
  const secrets = envPairs.filter(([k]) => SECRET_ENV.test(k));
  const plain = envPairs.filter(([k]) => !SECRET_ENV.test(k));
  const withPlain = [...(plain.length ? ['env', ...plain.map(([k, v]) => `${k}=${v}`)] : []), ...c.argv];
  if (!secrets.length) {
    const [file = '', ...args] = [...c.transport.prefix, ...withPlain];
    return { file, args, env: process.env };
  }
  const broken = secrets.find(([, v]) => /[\n\r\0]/.test(v));
  const script = broken
    ? `echo '${broken[0]} holds a line break: it cannot be passed through ${c.transport.name.replace(/'/g, '')}' >&2; exit 2`
    : `${secrets.map(([k], i) => `IFS= read -r s${i} && export ${k}="$s${i}"`).join(' && ')} && exec "$@"`;
  const [file = '', ...args] = [...c.transport.prefix, 'sh', '-c', script, 'sh', ...withPlain];
  return {
    file,
    args,
    env: process.env,
    stdinPrefix: Buffer.from(broken ? '' : secrets.map(([, v]) => `${v}\n`).join('')),
  };
}

/** The command as a person would type it, passwords hidden: for plans, --dry-run and errors. */
export function describeCommand(c: Command): string {
  const q = shellQuote;
  const hide = hideSecret;
  const env = Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${SECRET_ENV.test(k) ? '***' : q(v)}`);
  return [
    ...c.transport.prefix.map(q),
    ...(c.transport.prefix.length && env.length ? ['env'] : []),
    ...env,
    ...c.argv.map((w) => q(hide(w))),
  ].join(' ');
}

export interface Captured {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion and collects its output. Never throws for a failing command. */
export function capture(
  c: Command,
  input?: string | Buffer,
  signal?: AbortSignal,
  onStderr?: (text: string) => void,
): Promise<Captured> {
  return new Promise((resolve) => {
    const { file, args, env, stdinPrefix } = commandLine(c);
    let child: ChildProcessByStdio<Writable, Readable, Readable>;
    try {
      child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    } catch (e) {
      resolve({ code: 127, signal: null, stdout: '', stderr: (e as Error).message });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err.push(d);
      onStderr?.(d.toString('utf8'));
    });
    child.stdin.on('error', () => undefined);
    if (stdinPrefix) child.stdin.write(stdinPrefix);
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    child.on('error', (e) => err.push(Buffer.from(String(e.message))));
    child.on('close', (code, sig) =>
      resolve({
        code: code ?? (sig ? null : 127),
        signal: sig,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

export interface PipeOptions {
  /** Called with the number of bytes that went through so far. */
  readonly onBytes?: (total: number) => void;
  /** Also write the stream to this file, with its SHA-256. */
  readonly teeTo?: string;
  readonly signal?: AbortSignal;
  /** Called with each piece of the consumer's error output as it arrives (tools report progress there). */
  readonly onConsumerStderr?: (text: string) => void;
}

export interface PipeResult {
  readonly ok: boolean;
  readonly bytes: number;
  readonly sha256?: string;
  readonly producer: Captured;
  readonly consumer: Captured;
  readonly aborted: boolean;
}

class Counter extends Transform {
  bytes = 0;
  readonly hash = createHash('sha256');
  constructor(private readonly onBytes?: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    this.onBytes?.(this.bytes);
    cb(null, chunk);
  }
}

/**
 * Streams one command's output into another's input, with backpressure and no temporary copy.
 * If either side fails, the other is stopped at once; both exit statuses and the end of their
 * error output are returned, so the caller can say exactly what happened.
 */
export function pipe(producer: Command, consumer: Command, options: PipeOptions = {}): Promise<PipeResult> {
  return new Promise((resolve) => {
    const p = commandLine(producer);
    const c = commandLine(consumer);
    const src = spawn(p.file, p.args, { env: p.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const dst = spawn(c.file, c.args, { env: c.env, stdio: ['pipe', 'pipe', 'pipe'] });
    // The producer reads nothing but, behind an exec transport, its secrets (see commandLine).
    src.stdin.on('error', () => undefined);
    if (p.stdinPrefix) src.stdin.end(p.stdinPrefix);
    else src.stdin.end();
    if (c.stdinPrefix) dst.stdin.write(c.stdinPrefix);
    const counter = new Counter(options.onBytes);
    // A kept dump holds the whole database: readable by its owner only.
    const tee = options.teeTo ? createWriteStream(options.teeTo, { mode: 0o600 }) : undefined;
    const errs = { src: [] as Buffer[], dst: [] as Buffer[], srcOut: [] as Buffer[], dstOut: [] as Buffer[] };
    src.stderr.on('data', (d: Buffer) => errs.src.push(d));
    dst.stderr.on('data', (d: Buffer) => {
      errs.dst.push(d);
      options.onConsumerStderr?.(d.toString('utf8'));
    });
    dst.stdout.on('data', (d: Buffer) => errs.dstOut.push(d));
    let aborted = false;
    const stopBoth = () => {
      if (src.exitCode === null && !src.killed) src.kill('SIGTERM');
      if (dst.exitCode === null && !dst.killed) dst.kill('SIGTERM');
    };
    const onAbort = () => {
      aborted = true;
      stopBoth();
      drainProducer();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    src.stdout.pipe(counter);
    counter.pipe(dst.stdin);
    if (tee) counter.pipe(tee);
    // When the consumer goes away the producer's output must still drain, or its 'close' (which
    // waits for its stdout to end) never comes: unhook it and let it flow into nothing.
    const drainProducer = () => {
      counter.unpipe(dst.stdin);
      src.stdout.unpipe(counter);
      src.stdout.resume();
      if (src.exitCode === null && src.signalCode === null) src.kill('SIGTERM');
    };
    dst.stdin.on('error', drainProducer);
    let srcDone: Captured | undefined;
    let dstDone: Captured | undefined;
    const finish = () => {
      const producer = srcDone;
      const consumer = dstDone;
      if (!producer || !consumer) return;
      options.signal?.removeEventListener('abort', onAbort);
      const done = () =>
        resolve({
          ok: !aborted && producer.code === 0 && consumer.code === 0,
          bytes: counter.bytes,
          ...(tee ? { sha256: counter.hash.digest('hex') } : {}),
          producer,
          consumer,
          aborted,
        });
      if (tee) tee.end(done);
      else done();
    };
    src.on('error', (e) => errs.src.push(Buffer.from(e.message)));
    dst.on('error', (e) => errs.dst.push(Buffer.from(e.message)));
    src.on('close', (code, sig) => {
      srcDone = {
        code: code ?? (sig ? null : 127),
        signal: sig,
        stdout: '',
        stderr: Buffer.concat(errs.src).toString('utf8'),
      };
      if (code !== 0 && dst.exitCode === null) {
        // A failed dump must not look like a complete one to the restore: stop it.
        counter.unpipe(dst.stdin);
        dst.kill('SIGTERM');
      }
      finish();
    });
    dst.on('close', (code, sig) => {
      dstDone = {
        code: code ?? (sig ? null : 127),
        signal: sig,
        stdout: Buffer.concat(errs.dstOut).toString('utf8'),
        stderr: Buffer.concat(errs.dst).toString('utf8'),
      };
      if (code !== 0 || !srcDone) drainProducer();
      finish();
    });
  });
}

/** The last lines of an error output, for a message. */
/** The last lines of a tool's output, each cut short: a failed COPY can echo megabytes of row data. */
export function tail(text: string, lines = 4, width = 240): string {
  return text
    .slice(-lines * (width + 1) * 4)
    .trim()
    .split('\n')
    .slice(-lines)
    .map((l) => (l.length > width ? `${l.slice(0, width)}… (${l.length - width} more characters)` : l))
    .join('\n');
}
