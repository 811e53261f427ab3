import type { Service } from '../compose/types.js';
import type { ImageKnowledge, Role } from '../knowledge/index.js';

export interface RoleDecision {
  readonly role: Role;
  readonly reason: string;
  readonly oneShot: boolean;
}

const JOB_NAME =
  /(^|[-_])(init|migrat\w*|setup|seed|bootstrap|create\w*|provision\w*|backup|dump|restore|genkeys|prepare|install)([-_]|$)/i;
const NAME_ROLES: [RegExp, Role, string][] = [
  [/(^|[-_])(db|database|postgres\w*|pg|mysql|mariadb|mongo\w*|sql)([-_]|$)/i, 'database', 'a database'],
  [/(^|[-_])(redis|cache|memcached?|valkey)([-_]|$)/i, 'cache', 'a cache'],
  [/(^|[-_])(kafka|rabbit\w*|queue|mq|nats|broker|pulsar)([-_]|$)/i, 'queue', 'a message queue'],
  [/(^|[-_])(minio|s3|blob|objectstore)([-_]|$)/i, 'object-store', 'an object store'],
  [/(^|[-_])(elastic\w*|search|opensearch|solr)([-_]|$)/i, 'search', 'a search engine'],
  [
    /(^|[-_])(nginx|proxy|gateway|ingress|traefik|caddy|haproxy|lb|loadbalancer|envoy)([-_]|$)/i,
    'proxy',
    'a reverse proxy',
  ],
  [
    /(^|[-_])(prometheus|grafana|metrics|monitor\w*|jaeger|otel|exporter|loki|tempo|alertmanager)([-_]|$)/i,
    'observability',
    'monitoring',
  ],
  [/(^|[-_])(auth|keycloak|oauth2?|sso|vault|opa|policy|identity)([-_]|$)/i, 'identity', 'identity or policy'],
  [
    /(^|[-_])(worker|consumer|processor|scraper|cron|scheduler|celery|sidekiq|enrichment|ingest\w*|indexer|beat|triggerer)([-_]|$)/i,
    'worker',
    'a background worker',
  ],
  [/(^|[-_])(frontend|front|web|ui|client|site|portal|dashboard|www|app)([-_]|$)/i, 'web', 'a web frontend'],
  [/(^|[-_])(api|backend|server|service|graphql|rest|websocket|ws|grpc|gateway)([-_]|$)/i, 'api', 'an API'],
];

/**
 * One role per service: a one-shot job first (it runs to completion; `completedBy` are the services
 * that wait for it with service_completed_successfully), then a sidecar, then what the catalog knows
 * of the image, then clues in the service's name and ports.
 */
export function decideRole(
  svc: Service,
  knowledge: ImageKnowledge | undefined,
  completedBy: readonly string[],
  mode?: string,
): RoleDecision {
  const restart = svc.restart ?? 'no';
  const nameHint = JOB_NAME.test(svc.name);
  if (completedBy.length)
    return {
      role: 'job',
      reason: `${completedBy.join(', ')} wait${completedBy.length === 1 ? 's' : ''} for it to complete successfully`,
      oneShot: true,
    };
  if (knowledge?.role === 'job')
    return { role: 'job', reason: `${knowledge.name} runs a task and exits`, oneShot: true };
  if ((restart === 'no' || restart.startsWith('on-failure')) && nameHint && svc.restart !== undefined) {
    return { role: 'job', reason: `restart "${restart}" and its name says it runs once`, oneShot: true };
  }
  if (svc.restart === 'no' && !svc.ports.length && !svc.expose.length && (nameHint || svc.profiles?.length)) {
    return { role: 'job', reason: 'restart "no", no ports, runs on demand', oneShot: true };
  }
  if (svc.network_mode?.startsWith('service:')) {
    return { role: 'sidecar', reason: `shares the network of ${svc.network_mode.slice(8)}`, oneShot: false };
  }
  if (knowledge)
    return {
      role: knowledge.role,
      reason: `image ${svc.image} is ${mode ?? knowledge.name}`,
      oneShot: false,
    };
  for (const [re, role, what] of NAME_ROLES) {
    if (re.test(svc.name)) return { role, reason: `the name "${svc.name}" says ${what}`, oneShot: false };
  }
  const image = svc.image ?? '';
  for (const [re, role, what] of NAME_ROLES) {
    const last = (image.split('/').pop() ?? '').split(':')[0] ?? '';
    if (re.test(last)) return { role, reason: `the image name "${last}" says ${what}`, oneShot: false };
  }
  const published = svc.ports.map((p) => p.target);
  if (published.some((p) => p === 80 || p === 443))
    return { role: 'web', reason: 'it serves HTTP on port 80/443', oneShot: false };
  if (svc.ports.length || svc.expose.length)
    return { role: 'api', reason: 'it listens on a port others can reach', oneShot: false };
  return { role: 'worker', reason: 'it listens on no port', oneShot: false };
}
