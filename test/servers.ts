import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL } from '../src/io/exec.js';

/**
 * Throwaway database servers for tests, started from the machine's own binaries on free ports in
 * temporary folders, and removed after. Nothing touches the machine's running services.
 */

/**
 * A port no server has, drawn at random below the kernel's ephemeral range (32768 and up here). A
 * port from `listen(0)` comes from that range, which the suite's own outgoing connections draw from
 * too: in the seconds a server takes to start, one of them could take the port first, and a broker
 * whose AMQP listener fails after its management API answered stops at once. The same port is never
 * handed out twice in one process; across the test processes running at once, the draw makes a
 * collision rare, and a server that did not start on its ports is started again on others.
 */
const handedOut = new Set<number>();
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (!free) continue;
    handedOut.add(port);
    return port;
  }
}

export const isRoot = process.getuid?.() === 0;

/** Runs a server binary as its own system user when we are root (PostgreSQL refuses root). */
export function asUser(user: string, file: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
}

export function pgBin(tool: string): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = path.join(base, v, 'bin', tool);
    if (existsSync(p)) return p;
  }
  return tool;
}

export async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${what} did not start within ${ms} ms`);
}

/**
 * Servers still running, each with how to end it at once. A test whose `before` fails half-way
 * (one of two servers started) never stops what it started: such a server is ended when the test
 * process exits, and it does not keep that process alive meanwhile.
 */
const running = new Map<ChildProcess, () => void>();
process.on('exit', () => {
  for (const end of running.values())
    try {
      end();
    } catch {
      // already gone
    }
});

function spawnServer(file: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(file, args, options);
  child.unref();
  running.set(child, () => child.kill('SIGKILL'));
  child.once('exit', () => running.delete(child));
  return child;
}

export interface Server {
  readonly url: string;
  readonly port: number;
  /** Kills the server at once, as a crash would. */
  kill(): void;
  stop(): Promise<void>;
}

export async function startPostgres(password = 'secret'): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-pg-'));
  const data = path.join(dir, 'data');
  const pw = path.join(dir, 'pw');
  writeFileSync(pw, password);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(pw, uid, gid);
  }
  chmodSync(dir, 0o700);
  const [f, a] = asUser('postgres', pgBin('initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pw}`,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(f, a, { stdio: 'ignore' });
  const port = await freePort();
  const [sf, sa] = asUser('postgres', pgBin('postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'synchronous_commit=off',
  ]);
  const child = spawnServer(sf, sa, { stdio: 'ignore' });
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  await waitFor(() => {
    try {
      execFileSync(pgBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }, 'PostgreSQL');
  // Under runuser the child is runuser itself: a crash is the postmaster's own death.
  const postmaster = () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return server(child, url, port, dir, () => process.kill(postmaster(), 'SIGKILL'));
}

export async function startMariadb(): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-maria-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  // Seen failing once in a full run, with no cause kept: its output is kept now, and it is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(data, { recursive: true, force: true });
      execFileSync(
        'mariadb-install-db',
        [
          '--no-defaults',
          `--datadir=${data}`,
          ...(isRoot ? ['--user=root'] : []),
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      break;
    } catch (e) {
      if (attempt >= 3)
        throw new Error(
          `mariadb-install-db failed 3 times: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(-2000)}`,
        );
      process.stderr.write(
        `mariadb-install-db failed (attempt ${attempt}), trying again: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(-500)}\n`,
      );
    }
  }
  const port = await freePort();
  const child = spawnServer(
    '/usr/sbin/mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      `--socket=${sock}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${path.join(dir, 'pid')}`,
      // Its own temporary folder: a MariaDB server clears the #sql* files of its tmpdir when it starts,
      // and in a shared /tmp that removed the temporary tables of servers other tests were using.
      `--tmpdir=${dir}`,
      ...(isRoot ? ['--user=root'] : []),
      '--skip-log-bin',
      '--innodb-flush-log-at-trx-commit=0',
      '--skip-name-resolve',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(() => existsSync(sock), 'MariaDB');
  execFileSync('mariadb', [
    '--no-defaults',
    `--socket=${sock}`,
    '-uroot',
    '-e',
    "CREATE USER 'app'@'%' IDENTIFIED BY 'apppw'; GRANT ALL ON *.* TO 'app'@'%' WITH GRANT OPTION; FLUSH PRIVILEGES;",
  ]);
  return server(child, `mysql://app:apppw@127.0.0.1:${port}`, port, dir);
}

/** A Redis server; on `dataDir` it loads the dump.rdb found there, as a restarted pod does. */
export async function startRedis(dataDir?: string): Promise<Server> {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'stevedore-redis-'));
  const port = await freePort();
  const child = spawnServer(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  await waitFor(() => {
    try {
      return (
        execFileSync('redis-cli', ['-p', String(port), 'ping'])
          .toString()
          .trim() === 'PONG'
      );
    } catch {
      return false;
    }
  }, 'Redis');
  return server(child, `redis://127.0.0.1:${port}/0`, port, dir);
}

function server(child: ChildProcess, url: string, port: number, dir: string, crash?: () => void): Server {
  if (crash && running.has(child))
    running.set(child, () => {
      crash();
      child.kill('SIGKILL');
    });
  return {
    url,
    port,
    kill: () => {
      if (crash) crash();
      child.kill('SIGKILL');
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One database of a throwaway PostgreSQL server, reached directly. */
export function pgDatabase(s: Server, name: string): { url: string; transport: typeof LOCAL } {
  return { url: s.url.replace(/\/postgres$/, `/${name}`), transport: LOCAL };
}

/** Runs SQL through psql against a URL. */
export function psql(url: string, sql: string): string {
  return execFileSync('psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function mariadb(url: string, sql: string, db?: string): string {
  const u = new URL(url);
  return execFileSync(
    'mariadb',
    ['-h', u.hostname, '-P', u.port, '-u', u.username, `-p${u.password}`, '-N', '-B', ...(db ? [db] : []), '-e', sql],
    { encoding: 'utf8' },
  );
}

/**
 * A RabbitMQ node with the management plugin, under its own node name, ports and folders. Starts in
 * a few seconds. It runs as the rabbitmq user (the server script switches to it), so its folder is
 * handed to that user. `plugins` are enabled beside management; `amqpUrl` is its AMQP listener.
 */
export async function startRabbitmq(plugins: readonly string[] = []): Promise<Server & { readonly amqpUrl: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startRabbitmqOnce(plugins);
    } catch (e) {
      if (attempt >= 3) throw e;
      process.stderr.write(`RabbitMQ did not start (attempt ${attempt}), trying again on other ports: ${String(e)}\n`);
    }
  }
}

/**
 * One broker on fresh ports. It is up when its management API names this node and lists the AMQP
 * listener on its port: the API answers before the AMQP listener is bound, and a broker that cannot
 * bind it stops a moment later, which a test would meet as a refused connection.
 */
async function startRabbitmqOnce(plugins: readonly string[]): Promise<Server & { readonly amqpUrl: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-rmq-'));
  writeFileSync(path.join(dir, 'enabled_plugins'), `[${['rabbitmq_management', ...plugins].join(',')}].`);
  if (isRoot) execFileSync('chown', ['-R', 'rabbitmq:rabbitmq', dir]);
  const [amqp, http, dist] = [await freePort(), await freePort(), await freePort()];
  const node = `stevedore${amqp}@localhost`;
  const child = spawnServer('rabbitmq-server', [], {
    stdio: 'ignore',
    env: {
      ...process.env,
      RABBITMQ_NODENAME: node,
      RABBITMQ_NODE_PORT: String(amqp),
      RABBITMQ_DIST_PORT: String(dist),
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq'),
      RABBITMQ_FEATURE_FLAGS_FILE: path.join(dir, 'feature_flags'),
      RABBITMQ_PID_FILE: path.join(dir, 'pid'),
      RABBITMQ_SERVER_START_ARGS: `-rabbitmq_management tcp_config [{port,${http}}]`,
    },
  });
  // The server script hands over to the Erlang VM under the rabbitmq user: find that VM by its
  // own management port, which no other process has in its command line.
  const killNode = () => {
    try {
      execFileSync('pkill', ['-9', '-f', `tcp_config \\[\\{port,${http}\\}\\]`]);
    } catch {
      // already gone
    }
  };
  const url = `http://guest:guest@127.0.0.1:${http}`;
  const s = server(child, url, http, dir, killNode);
  const until = Date.now() + 60_000;
  for (;;) {
    if (await rabbitmqReady(http, node, amqp)) break;
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) {
      const log = logTail(path.join(dir, 'log'));
      killNode();
      await s.stop();
      throw new Error(
        `RabbitMQ ${node} (AMQP ${amqp}, management ${http}) did not start${child.exitCode !== null ? `: it exited with ${child.exitCode}` : ' within 60 s'}${log ? `\n${log}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    ...s,
    amqpUrl: `amqp://guest:guest@127.0.0.1:${amqp}`,
    stop: async () => {
      killNode();
      await s.stop();
    },
  };
}

async function rabbitmqReady(http: number, node: string, amqp: number): Promise<boolean> {
  try {
    const r = await fetch(`http://127.0.0.1:${http}/api/overview`, {
      headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` },
    });
    if (!r.ok) return false;
    const o = (await r.json()) as { node?: string; listeners?: { protocol?: string; port?: number }[] };
    return o.node === node && (o.listeners ?? []).some((l) => l.protocol === 'amqp' && l.port === amqp);
  } catch {
    return false; // not up yet
  }
}

/** The last lines of a server's log files, to say why it did not start. */
function logTail(dir: string): string {
  try {
    return readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').slice(-15).join('\n'))
      .join('\n')
      .slice(-3000);
  } catch {
    return '';
  }
}
