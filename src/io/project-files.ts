import path from 'node:path';
import { insideFolder, type FileSystem } from './fs.js';

/** The most a file read into a ConfigMap or Secret may hold: the object itself holds at most 1 MiB. */
export const FILE_LIMIT = 1024 * 1024;

/** What reading one project file gave. Nothing is read that is not a regular file inside the project. */
export type ProjectFile =
  | { readonly kind: 'text'; readonly text: string; readonly size: number; readonly sensitive: boolean }
  | { readonly kind: 'binary'; readonly base64: string; readonly size: number; readonly sensitive: boolean }
  | { readonly kind: 'missing' }
  /** Outside the project folder once links are followed: the converting machine's, never read. */
  | { readonly kind: 'outside' }
  /** A device, a pipe or a socket: reading it could block forever (/proc/kmsg) or never end (/dev/zero). */
  | { readonly kind: 'special' }
  | { readonly kind: 'too-large'; readonly size: number };

/** File names that hold keys, certificates or credentials. */
const SENSITIVE_NAME =
  /\.(key|pem|p12|pfx|jks|keystore|truststore|crt|cer|der|csr|kdbx|ovpn)$|(^|[._-])(id_rsa|id_ecdsa|id_ed25519|htpasswd|credentials|secrets?|passwd|shadow|token)([._-]|$)|^\.env(\..*)?$/i;
/** Text that is a key or certificate, whatever the file is called. */
const SENSITIVE_TEXT = /-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE|PGP PRIVATE KEY BLOCK)-----/;

/** Whether a file goes to a Secret rather than a ConfigMap: a key, a certificate, credentials. */
export function looksSensitive(name: string, text: string | undefined): boolean {
  return SENSITIVE_NAME.test(path.basename(name)) || (text !== undefined && SENSITIVE_TEXT.test(text));
}

/**
 * Reads one file of the project for a ConfigMap or Secret: only a regular file, only inside the
 * project folder (after symbolic links), only up to {@link FILE_LIMIT}; text as text, anything that
 * is not UTF-8 as base64 (binaryData).
 */
export function readProjectFile(fs: FileSystem, projectDir: string, file: string): ProjectFile {
  if (!insideFolder(fs, projectDir, file)) return { kind: 'outside' };
  const st = fs.stat(file);
  if (!st) return { kind: 'missing' };
  if (st.type !== 'file') return { kind: 'special' };
  if (st.size > FILE_LIMIT) return { kind: 'too-large', size: st.size };
  const bytes = fs.readBytes(file);
  if (!bytes) return { kind: 'missing' };
  if (bytes.length > FILE_LIMIT) return { kind: 'too-large', size: bytes.length };
  let text: string | undefined;
  try {
    text = bytes.includes(0) ? undefined : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  const sensitive = looksSensitive(file, text);
  return text === undefined
    ? { kind: 'binary', base64: bytes.toString('base64'), size: bytes.length, sensitive }
    : { kind: 'text', text, size: bytes.length, sensitive };
}
