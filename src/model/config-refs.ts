import path from 'node:path';
import type { ComposeProject, Service } from '../compose/types.js';
import type { Origin } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../io/fs.js';
import { readProjectFile } from '../io/project-files.js';
import type { Mount } from './types.js';

/** A configuration file a service reads, found through a bind mount, a `configs:` or a `secrets:` entry. */
export interface ConfigText {
  /** The file on disk. */
  readonly file: string;
  readonly text: string;
}

/** What could be read of a service's configuration files, and what could not be searched. */
export interface ServiceConfig {
  readonly files: readonly ConfigText[];
  /** Files or folders mounted as configuration that were not read (absent, binary, too large), as paths. */
  readonly unsearched: readonly string[];
}

/** How far into a mounted folder addresses are looked for (grafana's provisioning/datasources/x.yaml). */
const FOLDER_DEPTH = 3;
/** How many files of one service are searched at most: a folder of thousands is data, not settings. */
const FILE_BUDGET = 200;

/**
 * The configuration files a service reads, through the guarded reader: only regular files inside
 * the project, text only, size-limited. Folders are searched a few levels deep.
 */
export function serviceConfig(
  svc: Service,
  project: ComposeProject,
  storage: readonly Mount[],
  fs: FileSystem,
): ServiceConfig {
  const files: ConfigText[] = [];
  const unsearched: string[] = [];
  let budget = FILE_BUDGET;
  const readOne = (file: string, report: boolean): void => {
    if (budget <= 0) return;
    budget -= 1;
    const r = readProjectFile(fs, project.working_dir, file);
    if (r.kind === 'text') files.push({ file, text: r.text });
    else if (report && r.kind !== 'binary') unsearched.push(file);
  };
  const walk = (dir: string, depth: number): void => {
    for (const name of (fs.list(dir) ?? []).sort()) {
      const p = path.join(dir, name);
      const type = fs.stat(p)?.type;
      if (type === 'directory') {
        if (depth < FOLDER_DEPTH) walk(p, depth + 1);
      } else if (type === 'file') readOne(p, false);
    }
  };
  for (const m of storage) {
    if (m.kind !== 'config' || !m.source) continue;
    if (fs.stat(m.source)?.type === 'directory') walk(m.source, 1);
    else readOne(m.source, true);
  }
  for (const c of svc.configs) {
    const file = project.configs[c.source]?.file;
    if (file) readOne(file, true);
  }
  // A secret file may hold a URL (a DSN), so it is searched; a missing one holds a credential, has a
  // to-do of its own, and is not listed as a configuration that could name a connection.
  for (const s of svc.secrets) {
    const file = project.secrets[s.source]?.file;
    if (file) readOne(file, false);
  }
  return { files, unsearched };
}

/** One place in a configuration file: the line's text, the key it sets (when it sets one), where it is. */
export interface ConfigLine {
  readonly text: string;
  /** `host` in `host: db`, `DB_HOST=db`, `server.host = "db"`; for a list item, the key above it. */
  readonly key?: string;
  readonly origin: Origin;
}

const KEY_VALUE = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*)$/;
/** `- promtail`, `- 'loki:3100'`; not `- names:` (a key). */
const LIST_ITEM = /^\s*-\s+["']?([^"'\s#:]+(?::\d+)?)["']?\s*$/;
const COMMENT = /^\s*(#|\/\/|;|--)/;

/**
 * The lines of a configuration file that could name another service, with the key each sets: nginx
 * (`server loki:3100;`), YAML (`url: http://loki:3100`, `- 'prometheus:9090'`), ini and .env
 * (`host = db`). Comment lines are left out: a commented-out upstream is not a connection.
 */
export function configLines(c: ConfigText): ConfigLine[] {
  const out: ConfigLine[] = [];
  let listKey: string | undefined;
  c.text.split('\n').forEach((raw, i) => {
    if (raw.length > 4096 || COMMENT.test(raw) || !raw.trim()) return;
    const origin = { file: c.file, line: i + 1, col: raw.search(/\S/) + 1, path: '' };
    const kv = KEY_VALUE.exec(raw);
    const item = LIST_ITEM.exec(raw);
    if (kv && !item) {
      const value = (kv[2] ?? '').trim();
      listKey = value === '' ? kv[1] : undefined;
      out.push({ text: raw, origin });
      if (value) out.push({ text: value.replace(/^["']|["'][,;]?$|[,;]$/g, ''), key: kv[1] ?? '', origin });
      return;
    }
    if (item && listKey) out.push({ text: item[1] ?? '', key: listKey, origin });
    out.push({ text: raw, origin });
  });
  return out;
}
