/**
 * Decides which environment values are secrets: by the variable's name, by the value's shape
 * (credentials inside a URL, a long random-looking string), or because the image is known to read
 * that variable as a secret.
 */

const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'PW',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'DSN',
  'COOKIE',
  'SALT',
  'PASSPHRASE',
  'PRIVATEKEY',
  'CERTKEY',
]);
/** Words that make a following `KEY` secret: API_KEY, ACCESS_KEY, SECRET_KEY, ... */
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'ENCRYPTION',
  'SIGNING',
  'MASTER',
  'LICENSE',
  'CLIENT',
  'APP',
  'AUTH',
  'SESSION',
  'JWT',
  'KMS',
  'SERVICE',
  'ADMIN',
  'SHARED',
  'HMAC',
  'CRYPT',
  'CIPHER',
  'ROOT',
  'OPENSSL',
  'SSL',
  'GPG',
  'PGP',
  'AES',
  'ENC',
]);
/** `KEY` at the end of names like these is not a secret: a setting's key, a serializer, a column. */
const KEY_NOT_SECRET = new Set([
  'PRIMARY',
  'FOREIGN',
  'PARTITION',
  'ROUTING',
  'SORT',
  'CACHE',
  'LOOKUP',
  'MAP',
  'HASH',
  'ID',
  'NAME',
  'PUBLIC',
  'SERIALIZER',
  'DESERIALIZER',
  'CONVERTER',
  'FILE',
  'PATH',
]);

/** Long command-line flags whose value is a credential: `--requirepass X`, `--password=X`. */
export const CREDENTIAL_FLAGS = 'requirepass|masterauth|password|pass|passwd|token|secret|api-key|apikey';

export interface SecretVerdict {
  readonly sensitive: boolean;
  readonly reason?: string;
}

/** The name alone: `POSTGRES_PASSWORD`, `JWT_SECRET`, `STRIPE_API_KEY`, `DATABASE_DSN`. */
export function sensitiveByName(name: string): string | undefined {
  const words = name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (SECRET_WORDS.has(w)) return `name contains ${w}`;
    // Run-together words: PGPASSWORD, APITOKEN, CLIENTSECRET (but not TOKENIZER).
    if (/(PASSWORD|SECRET|TOKEN|APIKEY|PASSWD)$/.test(w)) return `name contains ${w}`;
    if (w === 'KEY' || w === 'KEYS') {
      const before = words[i - 1];
      if (before && KEY_QUALIFIERS.has(before)) return `name contains ${before}_${w}`;
      // A version after the key is still its end: _APP_OPENSSL_KEY_V1, SIGNING_KEY_2.
      const last = words.slice(i + 1).every((x) => /^V?\d+$/.test(x));
      if (last && before && !KEY_NOT_SECRET.has(before) && words.length <= 3 + (words.length - 1 - i))
        return `name ends in ${w}`;
    }
    if (w === 'AUTH' && i === words.length - 1 && words.length > 1) return 'name ends in AUTH';
  }
  return undefined;
}

/** `scheme://user:password@host/...`: the password part makes the whole value a secret. */
export function urlWithPassword(value: string): boolean {
  return /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:[^\s@/]+@[^\s]/i.test(value);
}

/** A long string with the spread of characters a generated key has, not a path, URL, or sentence. */
export function looksRandom(value: string): boolean {
  if (value.length < 20 || value.length > 4096 || /\s/.test(value)) return false;
  if (/^(https?|s3|file|[a-z]+):\/\//i.test(value) || value.startsWith('/') || value.startsWith('./')) return false;
  if (/^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?$/i.test(value)) return false;
  if (/^[\w.-]+(,[\w.-]+)+$/.test(value) && value.split(',').every((p) => /^[a-z.]+$/i.test(p))) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  if (classes < 2) return false;
  return entropy(value) >= 3.7;
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function classifyEnv(name: string, value: string | null, knownSecretEnv: readonly string[] = []): SecretVerdict {
  // MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db: the path of a secret file, not a secret.
  if (/_FILE$/i.test(name) && value !== null && value.startsWith('/')) return { sensitive: false };
  if (knownSecretEnv.includes(name)) return { sensitive: true, reason: 'the image reads it as a secret' };
  const byName = sensitiveByName(name);
  if (byName) return { sensitive: true, reason: byName };
  if (value !== null && urlWithPassword(value)) return { sensitive: true, reason: 'a password inside the URL' };
  if (value !== null && looksRandom(value)) return { sensitive: true, reason: 'the value looks like a generated key' };
  return { sensitive: false };
}

/**
 * A secret that falls back to a default written in the file (`${PW:-change-me}`) when the
 * variable is not set: fine on a laptop, dangerous in production.
 */
export function weakDefault(template: string | undefined, value: string | null): boolean {
  if (value === null || value === '') return false;
  if (template === undefined) return false;
  const defaults = [...template.matchAll(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}$]*)\}/g)].map((m) => m[1] ?? '');
  if (!defaults.some((d) => d !== '')) return false;
  // The value is what the file gives when no variable is set: every default taken.
  const allDefaults = template
    .replace(/\$\$/g, '\0')
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}$]*))?\}/g, (_m, d: string | undefined) => d ?? '')
    .replace(/\0/g, '$');
  return allDefaults === value;
}
