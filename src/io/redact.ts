/**
 * A URL with its password replaced by ***: everything between `user:` and the last @ (a password
 * pasted with an unencoded @ or space is hidden whole), and any `password=` parameter.
 */
export function hideSecret(raw: string): string {
  let out = raw;
  const user = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:/i.exec(raw);
  const at = raw.lastIndexOf('@');
  if (user && at > user[0].length) out = `${user[0]}***${raw.slice(at)}`;
  return out.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Environment variables whose values are secrets: never shown, never put on a command line. */
export const SECRET_ENV = /PASS|SECRET|TOKEN|KEY|PWD/i;
