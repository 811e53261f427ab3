import { perNamespaceCommands } from '../../io/kubectl-lines.js';
import type { Rendered } from '../environments.js';
import type { FormInput } from '../form.js';

/** How an object is named to kubectl: `kind/name`. */
export const ref = (r: Rendered) => `${r.json.kind.toLowerCase()}/${r.json.metadata.name}`;
export const bare = (r: Rendered) => r.json.metadata.name;
/** Commands as a sentence's subject with its verb: "`a` lists" or "`a` and `b` list". */
export const listed = (commands: readonly string[], verb = 'list') =>
  `${commands.map((c) => `\`${c}\``).join(' and ')} ${commands.length === 1 ? `${verb}s` : verb}`;
/** `kubectl -n <namespace>` for one object: the application's, or the second one for pods that need more than baseline. */
export const kubectlFor = (r: Rendered, fallback: string) => `kubectl -n ${r.json.metadata.namespace ?? fallback}`;
/** The conversion's namespaces, the application's first. */
export const namespacesOf = (input: FormInput) => [
  input.conversion.namespace,
  ...(input.conversion.privilegedNamespace ? [input.conversion.privilegedNamespace] : []),
];
/** A command run in every namespace of the conversion (`kubectl -n NS <rest>`). */
export const inEach = (input: FormInput, rest: string) => namespacesOf(input).map((n) => `kubectl -n ${n} ${rest}`);
/** One command per namespace over the objects there: `kubectl -n NS <verb> a b c <tail>`. */
export function perNamespace(
  fallback: string,
  objects: readonly Rendered[],
  verb: string,
  tail = '',
  name: (r: Rendered) => string = ref,
): string[] {
  return perNamespaceCommands(objects, (r) => r.json.metadata.namespace ?? fallback, name, verb, tail);
}
