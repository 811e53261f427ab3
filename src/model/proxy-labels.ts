/** One route a reverse proxy's labels give a service: host names, path prefixes or exact paths, the port, TLS. */
export interface LabelRoute {
  readonly router: string;
  readonly hosts: readonly string[];
  readonly paths: readonly { readonly path: string; readonly exact: boolean }[];
  readonly port?: number;
  readonly tls: boolean;
  /** What the rule says that an Ingress cannot: other matchers, middlewares. */
  readonly dropped: readonly string[];
}

const MATCHER = /^(Host|PathPrefix|Path)\(\s*((?:`[^`]*`\s*,?\s*)+)\)$/;

/** A matcher without the grouping parentheses around it (`(Path(…)` and `Method(…))` from `(a && b)`). */
function unwrap(part: string): string {
  let p = part;
  const count = (c: string) => [...p].filter((x) => x === c).length;
  while (p.startsWith('(') && count('(') > count(')')) p = p.slice(1).trim();
  while (p.endsWith(')') && count(')') > count('(')) p = p.slice(0, -1).trim();
  while (p.startsWith('(') && p.endsWith(')') && !MATCHER.test(p)) p = p.slice(1, -1).trim();
  return p;
}

/**
 * A Traefik router rule as Ingress rules: `Host(…)`, `PathPrefix(…)` and `Path(…)` joined by `&&`
 * (and `||` between whole alternatives). Anything else (HostRegexp, Headers, Method, `!`) is dropped
 * and said.
 */
export function parseTraefikRule(rule: string): Omit<LabelRoute, 'router' | 'port' | 'tls'>[] {
  return rule.split('||').map((alternative) => {
    const hosts: string[] = [];
    const paths: { path: string; exact: boolean }[] = [];
    const dropped: string[] = [];
    for (const raw of alternative.split('&&')) {
      const part = unwrap(raw.trim());
      const m = MATCHER.exec(part);
      if (!m) {
        if (part) dropped.push(part);
        continue;
      }
      const values = [...(m[2] ?? '').matchAll(/`([^`]*)`/g)].map((v) => v[1] ?? '');
      if (m[1] === 'Host') hosts.push(...values);
      else paths.push(...values.map((path) => ({ path, exact: m[1] === 'Path' })));
    }
    return { hosts, paths, dropped };
  });
}

/** The routes of a service's Traefik labels (`traefik.http.routers.<r>.*`, `traefik.http.services.<s>.*`). */
export function traefikRoutes(labels: Readonly<Record<string, string>>): LabelRoute[] {
  if (labels['traefik.enable'] === 'false') return [];
  const routers = new Set<string>();
  for (const k of Object.keys(labels)) {
    const m = /^traefik\.http\.routers\.([^.]+)\.rule$/.exec(k);
    if (m?.[1]) routers.add(m[1]);
  }
  const servicePort = (name?: string) => {
    const ports = Object.entries(labels).flatMap(([k, v]) => {
      const m = /^traefik\.http\.services\.([^.]+)\.loadbalancer\.server\.port$/.exec(k);
      return m && (name === undefined || m[1] === name) ? [Number(v)] : [];
    });
    return ports.length === 1 ? ports[0] : undefined;
  };
  return [...routers].sort().flatMap((r) => {
    const at = (key: string) => labels[`traefik.http.routers.${r}.${key}`];
    const port = servicePort(at('service')) ?? servicePort();
    const tls = at('tls') === 'true' || at('tls.certresolver') !== undefined;
    const middlewares = at('middlewares');
    return parseTraefikRule(at('rule') ?? '').map((alt) => ({
      router: r,
      ...alt,
      ...(port ? { port } : {}),
      tls,
      dropped: [...alt.dropped, ...(middlewares ? [`middlewares ${middlewares}`] : [])],
    }));
  });
}

/** caddy-docker-proxy labels: `caddy: a.example.com b.example.com` and `caddy.reverse_proxy: {{upstreams 8080}}`. */
export function caddyRoutes(labels: Readonly<Record<string, string>>): LabelRoute[] {
  const site = labels.caddy;
  if (!site) return [];
  const port = Number(/\{\{\s*upstreams\s+(?:https?\s+)?(\d+)\s*\}\}/.exec(labels['caddy.reverse_proxy'] ?? '')?.[1]);
  const hosts = site
    .split(/[\s,]+/)
    .map((h) => h.replace(/^https?:\/\//, '').replace(/:\d+$/, ''))
    .filter((h) => h && !h.startsWith(':'));
  return [
    {
      router: 'caddy',
      hosts,
      paths: [],
      ...(Number.isInteger(port) && port > 0 ? { port } : {}),
      tls: hosts.length > 0,
      dropped: Object.keys(labels).filter((k) => k.startsWith('caddy.') && k !== 'caddy.reverse_proxy'),
    },
  ];
}

/** Every route a service's proxy labels give it (Traefik, caddy-docker-proxy). */
export function labelRoutes(labels: Readonly<Record<string, string>>): LabelRoute[] {
  return [...traefikRoutes(labels), ...caddyRoutes(labels)];
}
