import fs from 'node:fs';
import path from 'node:path';

/**
 * The loader's window on files. The node implementation reads the real disk; the in-memory one
 * lets tests describe a whole project as a map of paths to texts.
 */
export interface FileSystem {
  /** The file's text, or undefined when there is no such file. Throws only on a real I/O failure. */
  readText(file: string): string | undefined;
  isFile(file: string): boolean;
  isDirectory(file: string): boolean;
  /** The names in a folder, or undefined when it is not one. */
  list(dir: string): string[] | undefined;
  /** What is at a path, following symbolic links: a regular file (with its size), a folder, or something else (a device, a pipe, a socket). */
  stat(file: string): FileStat | undefined;
  /** The file's bytes, or undefined when there is no such file. */
  readBytes(file: string): Buffer | undefined;
  /** The path with symbolic links resolved (the path itself when it does not exist). */
  realPath(file: string): string;
}

export interface FileStat {
  readonly type: 'file' | 'directory' | 'other';
  readonly size: number;
}

export const nodeFs: FileSystem = {
  readText(file) {
    return nodeFs.readBytes(file)?.toString('utf8');
  },
  isFile(file) {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  isDirectory(file) {
    try {
      return fs.statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
  list(dir) {
    try {
      return fs.readdirSync(dir).sort();
    } catch {
      return undefined;
    }
  },
  stat(file) {
    try {
      const st = fs.statSync(file);
      return { type: st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other', size: st.size };
    } catch {
      return undefined;
    }
  },
  readBytes(file) {
    try {
      return fs.readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw e;
    }
  },
  realPath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  },
};

/**
 * Whether `file` lies inside `dir` (or is it), both as written and once symbolic links are
 * resolved: a link inside the project that points out of it is outside.
 */
export function insideFolder(fsys: FileSystem, dir: string, file: string): boolean {
  const within = (d: string, p: string) => {
    const rel = path.relative(d, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return within(path.resolve(dir), path.resolve(file)) && within(fsys.realPath(dir), fsys.realPath(file));
}

/** A file system held in memory: keys are absolute paths. Folders exist where files are below them. */
export function memoryFs(files: Record<string, string>): FileSystem {
  const map = new Map(Object.entries(files).map(([k, v]) => [path.resolve(k), v]));
  const isDirectory = (file: string): boolean => {
    const prefix = path.resolve(file) + path.sep;
    for (const k of map.keys()) if (k.startsWith(prefix)) return true;
    return false;
  };
  return {
    readText: (file) => map.get(path.resolve(file)),
    readBytes: (file) => {
      const text = map.get(path.resolve(file));
      return text === undefined ? undefined : Buffer.from(text);
    },
    stat: (file) => {
      const text = map.get(path.resolve(file));
      if (text !== undefined) return { type: 'file', size: Buffer.byteLength(text) };
      return isDirectory(file) ? { type: 'directory', size: 0 } : undefined;
    },
    realPath: (file) => path.resolve(file),
    isFile: (file) => map.has(path.resolve(file)),
    isDirectory,
    list: (dir) => {
      const prefix = path.resolve(dir) + path.sep;
      const names = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split(path.sep)[0] ?? '');
      return names.size ? [...names].sort() : undefined;
    },
  };
}
