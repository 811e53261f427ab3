import { Job } from 'kubernetes-models/batch/v1/Job';
import { Secret } from 'kubernetes-models/v1/Secret';
import { CREATED_SEPARATELY } from '../lint/types.js';
import { dnsLabel } from '../transform/names.js';
import { LOCAL } from '../io/exec.js';
import { fingerprintScript } from './engines/postgres-fingerprint.js';
import { CONNECTABLE, OBJECT_COUNT, conn } from './engines/postgres-sql.js';
import { NEEDED_ROLES } from './engines/postgres-roles.js';
import { RESET } from './engines/postgres.js';
import type { PlanStep } from './plan.js';
import { mysqlEnv, mysqlJobScript, mysqlSide } from './in-cluster-mysql.js';
import { redisEnv, redisJobScript, redisSide } from './in-cluster-redis.js';
import { heredoc, LEFT_BEHIND, SAY, verdictLines } from './job-script.js';

export { JOB_ENGINES, type JobEngine } from '../knowledge/types.js';
import type { JobEngine } from '../knowledge/types.js';
const isMysql = (url: string) => /^(mysql|mariadb):/.test(url);
const isRedis = (url: string) => /^redis:/.test(url);

/** What a copy Job is made from: the service, where it runs, its image, and both sides as the cluster reaches them. */
export interface JobInput {
  readonly service: string;
  readonly namespace: string;
  /** The service's own image (pg_dump must be no older than the source server). */
  readonly image: string;
  /** The uid the image runs as (postgres: 999 on Debian, 70 on Alpine). */
  readonly uid: number;
  /** What it copies. @default 'postgres' */
  readonly engine?: JobEngine;
  /** Source and target without passwords (`postgres://user@host:5432/db`); the passwords are in the Secret. */
  readonly sourceUrl: string;
  readonly targetUrl: string;
  readonly force?: boolean;
  readonly noOwner?: boolean;
  /** The source's server holds other databases with data, and only this one is to move. */
  readonly oneDatabase?: boolean;
}

/**
 * The target as the Job reaches it: the plan's target is the database inside the converted pod
 * (reached through kubectl exec); the Job reaches the same database through its Service, by name.
 */
export function clusterTarget(step: Pick<PlanStep, 'service' | 'target'>): string {
  if (isRedis(step.target.url)) return `redis://${dnsLabel(step.service)}:6379`;
  if (isMysql(step.target.url)) {
    const t = mysqlSide(step.target.url.replace(/\$\{[^}]*\}/g, ''));
    const scheme = step.target.url.slice(0, step.target.url.indexOf(':'));
    return `${scheme}://${encodeURIComponent(t.user)}@${dnsLabel(step.service)}:3306/${encodeURIComponent(t.database)}`;
  }
  const planned = new URL(step.target.url.replace(/^postgresql:/, 'postgres:'));
  const user = planned.searchParams.get('user') ?? planned.username ?? 'postgres';
  const db = planned.pathname.replace(/^\//, '') || user;
  return `postgres://${encodeURIComponent(user || 'postgres')}@${dnsLabel(step.service)}:5432/${db}`;
}

/** A URL without its password, and the password (travels in the Secret, never in the Job's arguments). */
export function splitPassword(url: string): { url: string; password: string } {
  if (isRedis(url)) {
    const r = redisSide(url);
    const user = r.user ? `${encodeURIComponent(r.user)}@` : '';
    return { url: `redis://${user}${r.host}:${r.port}`, password: r.password };
  }
  if (isMysql(url)) {
    const m = mysqlSide(url);
    const scheme = url.slice(0, url.indexOf(':'));
    return {
      url: `${scheme}://${encodeURIComponent(m.user)}@${m.host}:${m.port}/${encodeURIComponent(m.database)}`,
      password: m.password,
    };
  }
  // The same split the engine makes for pg_dump and psql (PGPASSWORD, never the command line).
  const c = conn({ url, transport: LOCAL });
  return { url: c.dsn, password: c.env.PGPASSWORD ?? '' };
}

/**
 * The Job's script, the product the cluster runs: refuses one database as both sides, a target that
 * holds data (unless FORCE=1) and roles the target lacks (unless NO_OWNER=1); streams pg_dump into
 * pg_restore through a FIFO (POSIX sh has no pipefail, and either side's failure must stop it);
 * ANALYZE; then the verification Stevedore runs itself (rows hashed whole per table, definitions,
 * owners and grants, sequences, large objects), on both sides, compared line by line. Its last line
 * is the verdict; exit 0 only when every object matched. VERIFY_ONLY=1 compares without copying.
 */
export function postgresJobScript(o: { noOwner?: boolean } = {}): string {
  const owners = !o.noOwner;
  return [
    'set -eu',
    SAY,
    "TAB=$(printf '\\t')",
    'src() { PGPASSWORD="${SOURCE_PASSWORD:-}" psql -X -A -t -q -v ON_ERROR_STOP=1 -F "$TAB" -d "$SOURCE_URL" "$@"; }',
    'dst() { PGPASSWORD="${TARGET_PASSWORD:-}" psql -X -A -t -q -v ON_ERROR_STOP=1 -F "$TAB" -d "$TARGET_URL" "$@"; }',
    'W=$(mktemp -d)',
    'trap \'rm -rf "$W"\' EXIT',
    heredoc(
      '"$W/identity.sql"',
      "select system_identifier::text || ' ' || current_database() from pg_control_system();",
    ),
    heredoc('"$W/objects.sql"', `select ${OBJECT_COUNT};`),
    heredoc('"$W/reset.sql"', `${RESET};`),
    heredoc('"$W/roles.sql"', `${NEEDED_ROLES};`),
    heredoc('"$W/fingerprint.sql"', fingerprintScript(owners)),
    'a=$(src -f "$W/identity.sql"); b=$(dst -f "$W/identity.sql")',
    'if [ "$a" = "$b" ]; then say "the source and the target are one database ($a): nothing was written"; exit 3; fi',
    ...leftBehindPostgres(),
    'if [ "${VERIFY_ONLY:-0}" != 1 ]; then',
    ...(owners
      ? [
          'src -f "$W/roles.sql" | sort > "$W/needed"',
          'dst -c "select rolname from pg_roles" | sort > "$W/present"',
          'missing=$(comm -23 "$W/needed" "$W/present" | tr "\\n" " ")',
          'if [ -n "$missing" ]; then say "the target lacks the roles $missing(they own or are granted objects in the source): create them first, or make the Job with --no-owner. Nothing was written."; exit 3; fi',
        ]
      : []),
    'n=$(dst -f "$W/objects.sql")',
    'if [ "$n" != 0 ]; then',
    '  if [ "${FORCE:-0}" = 1 ]; then dst -f "$W/reset.sql"; say "FORCE=1: the target database was emptied first"',
    '  else say "the target already holds $n objects: refusing to write into it (FORCE=1 replaces them). Nothing was written."; exit 3; fi',
    'fi',
    `say "copying ${'$'}{SOURCE_URL} into ${'$'}{TARGET_URL}"`,
    'mkfifo "$W/dump"',
    `PGPASSWORD="\${SOURCE_PASSWORD:-}" pg_dump -Fc${owners ? '' : ' --no-owner --no-acl'} -d "$SOURCE_URL" > "$W/dump" & dumping=$!`,
    'set +e',
    `PGPASSWORD="\${TARGET_PASSWORD:-}" pg_restore --exit-on-error${owners ? '' : ' --no-owner --no-acl'} -d "$TARGET_URL" < "$W/dump"; restored=$?`,
    'if [ "$restored" != 0 ]; then kill "$dumping" 2>/dev/null; fi',
    'wait "$dumping"; dumped=$?',
    'set -e',
    'if [ "$dumped" != 0 ] || [ "$restored" != 0 ]; then say "FAILED: pg_dump exited $dumped, pg_restore $restored. The target holds a partial copy: run again with FORCE=1 to start clean."; exit 1; fi',
    'dst -c ANALYZE',
    'fi',
    ...verdictLines('src -f "$W/fingerprint.sql"', 'dst -f "$W/fingerprint.sql"'),
  ].join('\n');
}

/**
 * A Job moves the one database its URL names. Any other database on the source's server that holds
 * data (Plausible's `plausible_db` beside `postgres`) would be left behind while the verdict said
 * OK: the Job stops first and names them, unless ONE_DATABASE=1 says that is meant. A name the
 * script cannot put in a URL as it is counts as holding data.
 */
function leftBehindPostgres(): string[] {
  return [
    'if [ "${ONE_DATABASE:-0}" != 1 ]; then',
    '  : > "$W/others"',
    `  src -c "select datname from pg_database where ${CONNECTABLE} and datname <> current_database() order by 1" > "$W/databases"`,
    '  while IFS= read -r d; do',
    '    case "$d" in',
    '      *[!A-Za-z0-9_-]*) echo "$d (not checked)" >> "$W/others" ;;',
    '      *) n=$(PGPASSWORD="${SOURCE_PASSWORD:-}" psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$(printf \'%s\' "$SOURCE_URL" | sed "s#^\\([a-z]*://[^/?]*\\)/[^?]*#\\1/$d#")" -f "$W/objects.sql")',
    '         if [ "$n" != 0 ]; then echo "$d ($n objects)" >> "$W/others"; fi ;;',
    '    esac',
    '  done < "$W/databases"',
    `  if [ -s "$W/others" ]; then say "${LEFT_BEHIND}"; exit 3; fi`,
    'fi',
  ];
}

/**
 * The copy as a Kubernetes Job in the target namespace, for `kubectl apply` or GitOps: never retried
 * (a second attempt on a partial target would only be refused), kept a day for its log, hardened as
 * lint wants it, its passwords from the Secret `<service>-migration`.
 */
export function postgresJob(o: JobInput): Job {
  return migrationJob({ ...o, engine: 'postgres' });
}

/**
 * The copy Job of either engine: PostgreSQL's script with SOURCE_URL/TARGET_URL, MySQL's and
 * MariaDB's with each side's host, port, user and database; the passwords from the Secret.
 */
export function migrationJob(o: JobInput): Job {
  const mysql = o.engine === 'mysql';
  const redis = o.engine === 'redis';
  const name = dnsLabel(`${o.service}-migration`);
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': 'migration',
    'app.kubernetes.io/managed-by': 'stevedore',
  };
  const fromSecret = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name, key } } });
  return new Job({
    // `migrate run --in-cluster` creates the Secret; through GitOps, create it before the Job.
    metadata: { name, namespace: o.namespace, labels, annotations: { [CREATED_SEPARATELY]: `Secret/${name}` } },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: o.uid,
            runAsGroup: o.uid,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'copy',
              image: o.image,
              imagePullPolicy: 'IfNotPresent',
              command: [
                'sh',
                '-c',
                redis
                  ? redisJobScript()
                  : mysql
                    ? mysqlJobScript()
                    : postgresJobScript({ ...(o.noOwner ? { noOwner: true } : {}) }),
              ],
              env: [
                ...(redis
                  ? redisEnv(redisSide(o.sourceUrl), redisSide(o.targetUrl))
                  : mysql
                    ? mysqlEnv(mysqlSide(o.sourceUrl), mysqlSide(o.targetUrl))
                    : [
                        { name: 'SOURCE_URL', value: o.sourceUrl },
                        { name: 'TARGET_URL', value: o.targetUrl },
                      ]),
                fromSecret('SOURCE_PASSWORD'),
                fromSecret('TARGET_PASSWORD'),
                { name: 'FORCE', value: o.force ? '1' : '0' },
                ...(o.oneDatabase ? [{ name: 'ONE_DATABASE', value: '1' }] : []),
                { name: 'TMPDIR', value: '/tmp' },
              ],
              resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  });
}

/** The Secret the Job reads its two passwords from: made by `migrate run --in-cluster`, never written to a file. */
export function jobSecret(
  o: Pick<JobInput, 'service' | 'namespace'>,
  passwords: { source: string; target: string },
): Secret {
  return new Secret({
    metadata: {
      name: dnsLabel(`${o.service}-migration`),
      namespace: o.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'stevedore' },
    },
    type: 'Opaque',
    stringData: { SOURCE_PASSWORD: passwords.source, TARGET_PASSWORD: passwords.target },
  });
}
