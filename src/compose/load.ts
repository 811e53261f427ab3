import path from 'node:path';
import {
  error,
  sortDiagnostics,
  dedupeDiagnostics,
  hasErrors,
  type Diagnostic,
  type Origin,
  type Result,
} from '../diagnostics/diagnostic.js';
import { nodeFs, type FileSystem } from '../io/fs.js';
import { parseDotenv } from './dotenv.js';
import { interpolateTree, type Lookup } from './interpolate.js';
import { mergeTrees } from './merge.js';
import { get, lmap, str, type LMap, type LNode } from './node.js';
import { normalizeProject } from './normalize.js';
import { parseYaml } from './parse.js';
import { resolveRelativePaths } from './paths.js';
import { validateSchema } from './schema.js';
import { checkProject } from './checks.js';
import { resolveExtends } from './extends.js';
import type { ComposeProject } from './types.js';

/** What `docker compose -f … -p … --profile … --env-file …` takes. */
export interface LoadOptions {
  /** Compose files in merge order. @default the files found in `cwd` (compose.yaml, … and its override) */
  readonly files?: readonly string[];
  /** @default the `-p` flag, then COMPOSE_PROJECT_NAME, the top-level `name`, the folder's name */
  readonly projectName?: string;
  /** @default the folder of the first Compose file */
  readonly projectDirectory?: string;
  /** Profiles to enable, besides COMPOSE_PROFILES. @default [] */
  readonly profiles?: readonly string[];
  /** Env files read instead of the project's `.env`. @default [] */
  readonly envFiles?: readonly string[];
  /** The process environment; it wins over env files. @default process.env */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Where relative paths given here start. @default process.cwd() */
  readonly cwd?: string;
  readonly fs?: FileSystem;
}

export interface LoadedProject {
  readonly project: ComposeProject | undefined;
  /** Every file read, with its text: diagnostics can show the line they point at. */
  readonly sources: ReadonlyMap<string, string>;
}

/** The keys a current Compose file may have at its top level (besides x-*). */
const TOP_LEVEL = new Set([
  'version',
  'name',
  'include',
  'services',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'models',
]);

/**
 * The version-1 format (no `services:`, each top-level key a service) is still in old repositories
 * and Kompose's fixtures. When every top-level key is a mapping with an `image` or a `build` and
 * none is a current top-level key, the file is read as if its keys stood under `services:`.
 */
export function upgradeVersion1(root: LMap, diagnostics: Diagnostic[]): LMap {
  const pairs = [...root.entries.values()].filter((p) => !p.key.startsWith('x-'));
  if (pairs.length === 0 || pairs.some((p) => TOP_LEVEL.has(p.key))) return root;
  if (!pairs.every((p) => p.value.kind === 'map' && (p.value.entries.has('image') || p.value.entries.has('build'))))
    return root;
  const first = pairs[0];
  diagnostics.push({
    code: 'compose-v1-format',
    severity: 'warning',
    message: 'this file is in the version-1 format (services at the top level): read as if they stood under services:',
    ...(first ? { origin: first.keyOrigin } : {}),
    hint: 'move the services under a top-level services: key; links and volumes_from still work there',
  });
  const services = lmap(root.origin, pairs);
  const rest = [...root.entries.values()].filter((p) => p.key.startsWith('x-'));
  return lmap(root.origin, [{ key: 'services', keyOrigin: root.origin, value: services }, ...rest]);
}

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/** Loads a Compose project as `docker compose config` does. Never throws on bad input. */
export function loadProject(options: LoadOptions = {}): Result<LoadedProject> {
  const ctx = new LoadContext(options.fs ?? nodeFs);
  const project = ctx.run(options);
  const diagnostics = collapseRepeats(sortDiagnostics(dedupeDiagnostics(ctx.diagnostics)));
  return { value: { project: hasErrors(diagnostics) ? undefined : project, sources: ctx.sources }, diagnostics };
}

export class LoadContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly sources = new Map<string, string>();
  /** Parsed and interpolated files, by path and environment, so extends and include read each once. */
  private readonly cache = new Map<string, LMap | undefined>();
  home: string | undefined;
  /** Where the user stands: paths in hints are shown relative to it. */
  cwd = process.cwd();

  constructor(readonly fs: FileSystem) {}

  run(options: LoadOptions): ComposeProject | undefined {
    const cwd = options.cwd ?? process.cwd();
    this.cwd = cwd;
    const procEnv = options.environment ?? process.env;
    this.home = procEnv.HOME;
    const files = this.discover(options, cwd, procEnv);
    if (!files) return undefined;
    const projectDir = options.projectDirectory
      ? path.resolve(cwd, options.projectDirectory)
      : path.dirname(files[0] ?? path.join(cwd, 'compose.yaml'));

    // The environment used for interpolation: the process first, then --env-file or .env.
    const env = new Map<string, string>();
    const envFiles = options.envFiles?.length
      ? options.envFiles.map((f) => path.resolve(cwd, f))
      : [path.join(projectDir, '.env')];
    for (const f of envFiles) {
      const text = this.read(f);
      if (text === undefined) {
        if (options.envFiles?.length)
          this.diagnostics.push(
            error('env-file-not-found', `env file ${f} does not exist`, undefined, 'check the --env-file path'),
          );
        continue;
      }
      const r = parseDotenv(f, text, (n) => procEnv[n] ?? env.get(n));
      this.diagnostics.push(...r.diagnostics);
      for (const [k, v] of r.value) if (v.value !== undefined) env.set(k, v.value);
    }
    for (const [k, v] of Object.entries(procEnv)) if (v !== undefined) env.set(k, v);
    const lookup: Lookup = (n) => env.get(n);

    let merged: LMap | undefined;
    for (const file of files) {
      const root = this.loadFile(file, lookup, projectDir, [file]);
      if (!root) continue;
      merged = merged ? mergeTrees(merged, root) : root;
    }
    if (!merged) return undefined;

    const profiles = [...(options.profiles ?? []), ...(env.get('COMPOSE_PROFILES')?.split(',') ?? [])]
      .map((p) => p.trim())
      .filter(Boolean);
    const name = this.projectName(options.projectName, env.get('COMPOSE_PROJECT_NAME'), merged, projectDir);
    if (name === undefined) return undefined;
    this.suggestEnvExample(projectDir, options.envFiles?.length ? true : false);
    const normalized = normalizeProject(merged, {
      name,
      workingDir: projectDir,
      files: [...this.sources.keys()].filter((f) => !envFiles.includes(f)),
      profiles: [...new Set(profiles)].sort(),
      lookup,
      fs: this.fs,
      sources: this.sources,
    });
    this.diagnostics.push(...normalized.diagnostics);
    // Reference checks on a project that already failed would mostly repeat the first error.
    if (!hasErrors(this.diagnostics)) this.diagnostics.push(...checkProject(normalized.value));
    return normalized.value;
  }

  /** Unset variables and an `env.example` beside the project but no `.env`: say how to start. */
  private suggestEnvExample(projectDir: string, explicitEnvFiles: boolean): void {
    if (explicitEnvFiles || this.fs.isFile(path.join(projectDir, '.env'))) return;
    if (!this.diagnostics.some((d) => d.code === 'variable-unset' || d.code === 'interpolation-required')) return;
    const example = ['.env.example', 'env.example', '.env.sample', '.env.dist', 'example.env']
      .map((f) => path.join(projectDir, f))
      .find((f) => this.fs.isFile(f));
    if (!example) return;
    const rel = path.relative(this.cwd, example) || example;
    this.diagnostics.push({
      code: 'env-example-available',
      severity: 'info',
      message: `variables are missing and ${path.basename(example)} shows the ones this project expects`,
      hint: `cp ${rel} ${path.join(path.dirname(rel), '.env')} and edit the values, or run with --env-file ${rel}`,
    });
  }

  read(file: string): string | undefined {
    if (this.sources.has(file)) return this.sources.get(file);
    let text: string | undefined;
    try {
      text = this.fs.readText(file);
    } catch (e) {
      this.diagnostics.push(error('file-unreadable', `cannot read ${file}: ${(e as Error).message}`));
      return undefined;
    }
    if (text !== undefined) this.sources.set(file, text);
    return text;
  }

  private discover(
    options: LoadOptions,
    cwd: string,
    env: Readonly<Record<string, string | undefined>>,
  ): string[] | undefined {
    const given = options.files?.length
      ? options.files
      : env.COMPOSE_FILE
        ? env.COMPOSE_FILE.split(env.COMPOSE_PATH_SEPARATOR ?? path.delimiter)
        : [];
    if (given.length) {
      const files = given.map((f) => path.resolve(cwd, f));
      for (const f of files) {
        if (this.fs.isDirectory(f)) {
          const found = this.discover({ ...options, files: [] }, f, {});
          if (!found) return undefined;
          files.splice(files.indexOf(f), 1, ...found);
        } else if (!this.fs.isFile(f)) {
          this.diagnostics.push(
            error('file-not-found', `Compose file ${f} does not exist`, undefined, 'check the -f path'),
          );
          return undefined;
        }
      }
      return files;
    }
    const dir = options.projectDirectory ? path.resolve(cwd, options.projectDirectory) : cwd;
    const candidates = DEFAULT_FILES.map((f) => path.join(dir, f)).filter((f) => this.fs.isFile(f));
    if (candidates.length === 0) {
      this.diagnostics.push(
        error(
          'no-compose-file',
          `no Compose file in ${dir}`,
          undefined,
          `create compose.yaml, or name a file with -f (looked for ${DEFAULT_FILES.join(', ')})`,
        ),
      );
      return undefined;
    }
    const [main = ''] = candidates;
    const override = main.replace(/\.(ya?ml)$/, '.override.$1');
    return this.fs.isFile(override) ? [main, override] : [main];
  }

  /**
   * Reads one file: parse, interpolate, validate against the schema, make its paths absolute,
   * resolve its `include` and `extends`. `stack` holds the files being read, for cycle reports.
   */
  loadFile(file: string, lookup: Lookup, baseDir: string, stack: readonly string[], via?: Origin): LMap | undefined {
    const cacheKey = `${file}\0${baseDir}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey);
    const text = this.read(file);
    if (text === undefined) {
      this.diagnostics.push(error('file-not-found', `Compose file ${file} does not exist`, via));
      return undefined;
    }
    const parsed = parseYaml(file, text);
    this.diagnostics.push(...parsed.diagnostics);
    if (!parsed.value) return this.remember(cacheKey, undefined);
    if (parsed.value.entries.size === 0) {
      // `docker compose config` refuses an empty file too: it is almost always the wrong path.
      this.diagnostics.push(
        error(
          'empty-file',
          `${path.basename(file)} is empty: a Compose file needs at least a services: key`,
          { file, line: 1, col: 1, path: '' },
          'check the -f path, or write the services into the file',
        ),
      );
      return this.remember(cacheKey, undefined);
    }
    const interpolated = interpolateTree(
      upgradeVersion1(parsed.value, this.diagnostics),
      lookup,
      this.diagnostics,
    ) as LMap;
    const validated = validateSchema(interpolated);
    this.diagnostics.push(...validated.diagnostics);
    if (validated.diagnostics.length) return this.remember(cacheKey, undefined);
    let root = resolveRelativePaths(validated.value, baseDir, this.home);
    root = this.applyIncludes(root, file, lookup, stack);
    root = resolveExtends(root, file, this, lookup, stack);
    const version = root.entries.get('version');
    if (version) {
      this.diagnostics.push({
        code: 'obsolete-version',
        severity: 'warning',
        message: 'the top-level `version` key is obsolete and ignored',
        origin: version.keyOrigin,
        hint: 'remove it; Compose reads every file by the current specification',
      });
      const entries = new Map(root.entries);
      entries.delete('version');
      root = { ...root, entries };
    }
    return this.remember(cacheKey, root);
  }

  private remember(key: string, value: LMap | undefined): LMap | undefined {
    this.cache.set(key, value);
    return value;
  }

  private applyIncludes(root: LMap, file: string, lookup: Lookup, stack: readonly string[]): LMap {
    const include = get(root, 'include');
    if (!include) return root;
    const entries = new Map(root.entries);
    entries.delete('include');
    let out: LMap = { ...root, entries };
    if (include.kind !== 'seq') return out;
    for (const item of include.items) {
      const paths = item.kind === 'scalar' ? [item] : asList(get(item, 'path'));
      const dirNode = get(item, 'project_directory');
      const envNodes = asList(get(item, 'env_file'));
      const files = paths.map((p) => path.resolve(path.dirname(file), String(str(p) ?? '')));
      if (files.length === 0) continue;
      const projectDir = dirNode
        ? path.resolve(path.dirname(file), str(dirNode) ?? '.')
        : path.dirname(files[0] ?? file);
      const cyclic = files.find((f) => stack.includes(f));
      if (cyclic) {
        this.diagnostics.push(
          error(
            'include-cycle',
            `including ${cyclic} here closes a cycle: ${[...stack, cyclic].map((f) => path.basename(f)).join(' → ')}`,
            item.origin,
            'remove one of the includes',
          ),
        );
        continue;
      }
      // The included project sees the parent's variables, then its own env files (or its .env).
      const own = new Map<string, string>();
      const envFiles = envNodes.length
        ? envNodes.map((n) => path.resolve(path.dirname(file), str(n) ?? ''))
        : [path.join(projectDir, '.env')];
      for (const f of envFiles) {
        const text = this.read(f);
        if (text === undefined) {
          if (envNodes.length)
            this.diagnostics.push(error('env-file-not-found', `env file ${f} does not exist`, item.origin));
          continue;
        }
        const r = parseDotenv(f, text, (n) => lookup(n) ?? own.get(n));
        this.diagnostics.push(...r.diagnostics);
        for (const [k, v] of r.value) if (v.value !== undefined) own.set(k, v.value);
      }
      const childLookup: Lookup = (n) => lookup(n) ?? own.get(n);
      let included: LMap | undefined;
      for (const f of files) {
        const loaded = this.loadFile(f, childLookup, projectDir, [...stack, f], item.origin);
        if (loaded) included = included ? mergeTrees(included, loaded) : loaded;
      }
      if (included) out = this.mergeIncluded(out, included, item.origin);
    }
    return out;
  }

  private mergeIncluded(root: LMap, included: LMap, at: Origin): LMap {
    const entries = new Map(root.entries);
    for (const [top, pair] of included.entries) {
      if (top === 'name' || top === 'version') continue;
      const mine = entries.get(top);
      if (!mine || mine.value.kind !== 'map' || pair.value.kind !== 'map') {
        if (!mine) entries.set(top, pair);
        continue;
      }
      const merged = new Map(mine.value.entries);
      for (const [name, res] of pair.value.entries) {
        if (merged.has(name) && top !== 'include' && !top.startsWith('x-')) {
          this.diagnostics.push(
            error(
              'include-conflict',
              `${top}.${name} is defined both here and in the included file ${res.keyOrigin.file}`,
              merged.get(name)?.keyOrigin,
              'rename one of them, or use extends to build on the included one',
            ),
          );
          continue;
        }
        merged.set(name, res);
      }
      entries.set(top, { ...mine, value: { ...mine.value, entries: merged } });
    }
    return { ...root, entries, origin: root.origin ?? at };
  }

  private projectName(
    flag: string | undefined,
    fromEnv: string | undefined,
    root: LMap,
    dir: string,
  ): string | undefined {
    const nameNode = get(root, 'name');
    const raw = flag ?? fromEnv ?? str(nameNode) ?? path.basename(dir);
    const explicit = flag ?? fromEnv ?? str(nameNode);
    const normalized = explicit !== undefined ? explicit : raw.toLowerCase().replace(/[^a-z0-9_-]/g, '');
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(normalized)) {
      this.diagnostics.push(
        error(
          'invalid-project-name',
          `project name "${raw}" must be lowercase letters, digits, dashes and underscores, starting with a letter or digit`,
          flag || fromEnv ? undefined : nameNode?.origin,
          'set a valid name with -p or the top-level name key',
        ),
      );
      return undefined;
    }
    return normalized;
  }
}

function asList(node: LNode | undefined): LNode[] {
  if (!node) return [];
  return node.kind === 'seq' ? node.items : [node];
}

const COLLAPSED = new Set(['interpolation-required', 'variable-unset', 'env-file-not-found']);

/**
 * The same missing variable or env file is reported once, at its first use, with the other
 * places listed: one clear diagnostic rather than a screenful of copies.
 */
function collapseRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const first = new Map<string, { index: number; others: string[] }>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (!COLLAPSED.has(d.code)) {
      out.push(d);
      continue;
    }
    const key = `${d.code}\0${d.message}`;
    const seen = first.get(key);
    if (seen) {
      if (d.origin) seen.others.push(`${path.basename(d.origin.file)}:${d.origin.line}`);
      continue;
    }
    first.set(key, { index: out.length, others: [] });
    out.push(d);
  }
  for (const { index, others } of first.values()) {
    if (!others.length) continue;
    const d = out[index];
    if (!d) continue;
    const also = `also used at ${others.slice(0, 5).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}`;
    out[index] = { ...d, hint: d.hint ? `${d.hint} (${also})` : also };
  }
  return out;
}
