import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from './harness.js';
import { fileURLToPath } from 'node:url';
import { loadProject, type LoadOptions } from '../src/compose/load.js';
import type { ComposeProject } from '../src/compose/types.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { memoryFs, type FileSystem } from '../src/io/fs.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const EXAMPLES = path.join(ROOT, 'examples');

/** Loads a project described as files in memory under /p (the first key is the main file). */
export function loadMem(
  files: Record<string, string>,
  options: Omit<LoadOptions, 'fs'> = {},
): { project: ComposeProject | undefined; diagnostics: readonly Diagnostic[]; fs: FileSystem } {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.resolve('/p', k), v]));
  const first = Object.keys(files)[0]!;
  const fs = memoryFs(abs);
  const r = loadProject({ cwd: '/p', environment: {}, files: [first], ...options, fs });
  return { project: r.value.project, diagnostics: r.diagnostics, fs };
}

export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** `code@line:col` of each error, for compact assertions. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.origin?.line ?? 0}:${d.origin?.col ?? 0}`);
}

/** Set by CI: a missing corpus is then a failure, never a silent skip. */
export const CORPUS_REQUIRED = process.env.STEVEDORE_REQUIRE_CORPUS === '1';
const corpusPresent = existsSync(CORPUS);
/** Why corpus tests are skipped here, or undefined when the corpus is present (or required). */
export const CORPUS_SKIP: string | undefined =
  corpusPresent || CORPUS_REQUIRED
    ? undefined
    : `the external corpus is not beside this clone (${CORPUS}); set STEVEDORE_REQUIRE_CORPUS=1 to make it mandatory`;

/**
 * The corpus stacks that have a docker-compose.yml, sorted. Empty when the corpus is absent; when it is
 * absent but required, registers one failing test that says so.
 */
export function corpusStacks(): string[] {
  if (!corpusPresent) {
    if (CORPUS_REQUIRED)
      it('the corpus is present (STEVEDORE_REQUIRE_CORPUS=1)', () => {
        assert.fail(`${CORPUS} is missing: CI needs ../shared/corpus beside the clone`);
      });
    return [];
  }
  return readdirSync(CORPUS)
    .filter((n) => existsSync(path.join(CORPUS, n, 'docker-compose.yml')))
    .sort();
}

/** `it` for a test over corpus input: skipped, with the reason, when the corpus is absent. */
export function itCorpus(name: string, fn: () => void | Promise<void>): void {
  if (CORPUS_SKIP) it(name, { skip: CORPUS_SKIP }, () => undefined);
  else if (!corpusPresent) it(name, () => assert.fail(`${CORPUS} is missing: CI needs ../shared/corpus`));
  else it(name, fn);
}

/**
 * Compares text with its golden file. UPDATE_GOLDEN=1 rewrites the file; a missing golden file fails,
 * so a test can never pass by writing what it is meant to check.
 */
export function assertGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file))
    assert.fail(`the golden file ${path.relative(ROOT, file)} is missing: run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

/**
 * Stacks that need files the user writes (env files with their own values) before they load: what
 * each project's own documentation has the user write, with example values. The whole-command
 * tests run these stacks from a temporary copy that holds them.
 */
export const USER_FILES: Record<string, Record<string, string | { copyOf: string }>> = {
  // mastodon/mastodon .env.production.sample, as `rake mastodon:setup` writes it.
  mastodon: {
    '.env.production': [
      'LOCAL_DOMAIN=social.example.com',
      'REDIS_HOST=redis',
      'REDIS_PORT=6379',
      'DB_HOST=db',
      'DB_USER=postgres',
      'DB_NAME=mastodon_production',
      'DB_PASS=',
      'DB_PORT=5432',
      'ES_ENABLED=false',
      'SECRET_KEY_BASE=4f2b0d6c1e8a7b9d3c5e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6',
      'OTP_SECRET=9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9',
      'ACTIVE_RECORD_ENCRYPTION_DETERMINISTIC_KEY=fkSxKD2bF396kdQbrP1EJ7WbU7ZgNokR',
      'ACTIVE_RECORD_ENCRYPTION_KEY_DERIVATION_SALT=r0hvVmzBVsjxC7AMlwhOzmtc36ZCOS1E',
      'ACTIVE_RECORD_ENCRYPTION_PRIMARY_KEY=PhdFyyfy5xJ7WVd2lWBpcPScRQHzRTNr',
      'VAPID_PRIVATE_KEY=oNe_4BEL7Tpc3iV8eFGBEuPs2bLH3s3WXpHcqyOAJ5Y=',
      'VAPID_PUBLIC_KEY=BN6ZTSGPDGeUr3sVd9uuiLhLKrmgKhqvNIc6j3HQ6ZA_e9SkwTgs0RB2kvXOb1nZ5Dyk2cPBq8zCZlZ85W2k7Qk=',
      'SMTP_SERVER=smtp.example.com',
      'SMTP_PORT=587',
      'SMTP_FROM_ADDRESS=notifications@social.example.com',
      'S3_ENABLED=false',
      '',
    ].join('\n'),
  },
  // plausible/community-edition README: the two settings it asks for.
  'plausible-ce': {
    'plausible-conf.env':
      'BASE_URL=https://plausible.example.com\nSECRET_KEY_BASE=Zs9bLE8nhHBSjmqp2Ro0nvc5y4kQ7PzUa1fXw3e6TgKiJdMYr2uVOxCqWb5lDtFh\n',
  },
  // netbox-community/netbox-docker keeps these under env/ in its repository.
  'netbox-docker': {
    'env/netbox.env': [
      'CORS_ORIGIN_ALLOW_ALL=True',
      'DB_HOST=postgres',
      'DB_NAME=netbox',
      'DB_PASSWORD=J5brHrAXFLQSif0K',
      'DB_USER=netbox',
      'MEDIA_ROOT=/opt/netbox/netbox/media',
      'REDIS_CACHE_DATABASE=1',
      'REDIS_CACHE_HOST=redis-cache',
      'REDIS_CACHE_PASSWORD=t4Ph722qJ5QHeQ1qfu36',
      'REDIS_DATABASE=0',
      'REDIS_HOST=redis',
      'REDIS_PASSWORD=H733Kdjndks81',
      "SECRET_KEY='r(m)9nLGnz$(_q3N4z1k(EFsMCjjjzx08x9VhNVcfd%6RF#r!6DE@+V5Zk2X'",
      'SKIP_SUPERUSER=true',
      '',
    ].join('\n'),
    'env/postgres.env': 'POSTGRES_DB=netbox\nPOSTGRES_PASSWORD=J5brHrAXFLQSif0K\nPOSTGRES_USER=netbox\n',
    'env/redis.env': 'REDIS_PASSWORD=H733Kdjndks81\n',
    'env/redis-cache.env': 'REDIS_PASSWORD=t4Ph722qJ5QHeQ1qfu36\n',
  },
  // Ghost's README: copy .env.example to .env.
  ghost: { '.env': { copyOf: '.env.example' } },
};

/** Stacks that need a file the user writes before they load. */
export const NEEDS_USER_FILES = Object.keys(USER_FILES);

const copies = new Map<string, string>();
process.on('exit', () => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary copy of a corpus stack with the files its user writes (USER_FILES), made once per process. */
export function withUserFiles(name: string): string {
  const made = copies.get(name);
  if (made) return path.join(made, name);
  // In a folder of the stack's own name: the project's name (and namespace) is the folder's.
  const parent = mkdtempSync(path.join(tmpdir(), 'stevedore-corpus-'));
  copies.set(name, parent);
  const dir = path.join(parent, name);
  cpSync(path.join(CORPUS, name), dir, { recursive: true });
  // The corpus is read-only; its copy takes the user's files.
  chmodSync(dir, 0o755);
  for (const [file, content] of Object.entries(USER_FILES[name] ?? {})) {
    const to = path.join(dir, file);
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, typeof content === 'string' ? content : readFileSync(path.join(dir, content.copyOf)));
  }
  return dir;
}

/** A stack to run a whole command over: the bundled examples, then every corpus stack that loads as it is. */
export interface Stack {
  readonly name: string;
  readonly dir: string;
  readonly envFiles?: string[];
}

export function allStacks(): Stack[] {
  const out: Stack[] = readdirSync(EXAMPLES)
    .sort()
    .map((n) => ({ name: `examples/${n}`, dir: path.join(EXAMPLES, n) }));
  for (const n of corpusStacks()) {
    const dir = USER_FILES[n] ? withUserFiles(n) : path.join(CORPUS, n);
    out.push({ name: n, dir, ...(n === 'mattermost' ? { envFiles: [path.join(dir, 'env.example')] } : {}) });
  }
  if (CORPUS_SKIP) it('corpus stacks', { skip: CORPUS_SKIP }, () => undefined);
  return out;
}

/** The built CLI run with these arguments and only PATH, HOME and `env` in its environment. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'stevedore.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
