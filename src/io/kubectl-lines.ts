/** One `kubectl -n NS <verb> a b c<tail>` per namespace, over the items in it; namespaces in the order first met. */
export function perNamespaceCommands<T>(
  items: readonly T[],
  namespaceOf: (x: T) => string,
  nameOf: (x: T) => string,
  verb: string,
  tail = '',
): string[] {
  const by = new Map<string, string[]>();
  for (const x of items) {
    const ns = namespaceOf(x);
    const list = by.get(ns);
    if (list) list.push(nameOf(x));
    else by.set(ns, [nameOf(x)]);
  }
  return [...by].map(([ns, names]) => `kubectl -n ${ns} ${verb} ${names.join(' ')}${tail}`);
}
