/** What the tool reads in command lines: shells, their script lines, and text put into a pattern. */

/** A shell (sh, bash, dash, ash), by path or by name. */
export const SHELL = /^(\/bin\/|\/usr\/bin\/)?(ba|da|a)?sh$/;

/** The script lines an argv gives a shell to run (`sh -c "<line>"`), each with its place in argv. */
export function shellLines(argv: readonly string[]): { line: string; index: number }[] {
  return argv.flatMap((word, index) =>
    argv[index - 1] === '-c' && SHELL.test(argv[index - 2] ?? '') ? [{ line: word, index }] : [],
  );
}

/** The program each command of a shell line runs: `sleep 10 && exec /x/run.sh` → sleep, /x/run.sh. */
export function linePrograms(line: string): string[] {
  return line.split(/&&|\|\||[;|&\n]/).map(
    (fragment) =>
      fragment
        .trim()
        .replace(/^exec\s+/, '')
        .split(/\s+/)[0] ?? '',
  );
}

/** Text matched as it is inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A word as the shell reads it back unchanged: as it is when plain, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
