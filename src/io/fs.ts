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
}

export const nodeFs: FileSystem = {
  readText(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw e;
    }
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
};

/** A file system held in memory: keys are absolute paths. Folders exist where files are below them. */
export function memoryFs(files: Record<string, string>): FileSystem {
  const map = new Map(Object.entries(files).map(([k, v]) => [path.resolve(k), v]));
  return {
    readText: (file) => map.get(path.resolve(file)),
    isFile: (file) => map.has(path.resolve(file)),
    isDirectory: (file) => {
      const prefix = path.resolve(file) + path.sep;
      for (const k of map.keys()) if (k.startsWith(prefix)) return true;
      return false;
    },
    list: (dir) => {
      const prefix = path.resolve(dir) + path.sep;
      const names = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split(path.sep)[0] ?? '');
      return names.size ? [...names].sort() : undefined;
    },
  };
}
