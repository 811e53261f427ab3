import { CREDENTIAL_FLAGS, sensitiveByName } from '../model/secrets.js';

const CREDENTIAL_FLAG = new RegExp(`^--?(${CREDENTIAL_FLAGS})(=(.+))?$`, 'i');

/** Values that are obviously not a credential: empty, a placeholder, a reference, a boolean, a path or a file name. */
export function placeholder(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^(true|false|yes|no|on|off|none|null|changeme|change-me|secret|password|\*+|x+|<.*>|\{\{.*\}\})$/i.test(v) ||
    /^["']?\$[({]?[A-Za-z_]/.test(v) ||
    /^(\/|\.\/)[^\s]*$/.test(v) ||
    /_FILE$/.test(v)
  );
}

/** A PEM private key or a URL with a password in it. */
export function credentialShaped(value: string): string | undefined {
  if (/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(value)) return 'a private key';
  const url = /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/i.exec(value);
  if (url && !placeholder(url[1] ?? '')) return 'a URL with a password';
  return undefined;
}

/** Why a key/value pair looks like a secret, if it does. */
export function secretLooking(key: string, value: string): string | undefined {
  const shaped = credentialShaped(value);
  if (shaped) return shaped;
  if (
    sensitiveByName(key) !== undefined &&
    !placeholder(value) &&
    !/_(FILE|PATH|DIR|NAME|USER|USERNAME|HOST|PORT|LENGTH|MIN|MAX)$/i.test(key)
  )
    return `a value named ${key}`;
  return undefined;
}

/** Credentials passed as command-line flags: `--requirepass X`, `--password=X`, `-pX`, `-p X` (MySQL tools). */
export function secretInArgs(words: readonly string[]): { index: number; what: string } | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    const pair = CREDENTIAL_FLAG.exec(w);
    if (pair) {
      const value = pair[3] ?? next;
      if (value !== undefined && !placeholder(value) && !value.startsWith('-'))
        return { index: i, what: `the flag ${w.split('=')[0] ?? w}` };
    }
    const mysql = /^-p(\S+)$/.exec(w);
    if (mysql && !placeholder(mysql[1] ?? '')) return { index: i, what: 'the flag -p (a password glued to it)' };
    // A shell script in one word: look for the same inside it.
    if (/\s/.test(w)) {
      const inner = secretInArgs(w.split(/\s+/));
      if (inner) return { index: i, what: inner.what };
    }
    const shaped = credentialShaped(w);
    if (shaped) return { index: i, what: shaped };
  }
  return undefined;
}
