import { Job } from 'kubernetes-models/batch/v1/Job';
import { Secret } from 'kubernetes-models/v1/Secret';
import { CREATED_SEPARATELY } from '../lint/types.js';
import { dnsLabel } from '../transform/names.js';
import { LOCAL } from '../io/exec.js';
import { fingerprintScript } from './engines/postgres-fingerprint.js';
import { CONNECTABLE, OBJECT_COUNT, conn } from './engines/postgres-sql.js';
import { NEEDED_ROLES, rolesScript } from './engines/postgres-roles.js';
import { RESET } from './engines/postgres.js';
import type { PlanStep } from './plan.js';
import { mysqlEnv, mysqlJobScript, mysqlSide } from './in-cluster-mysql.js';
import { redisEnv, redisJobScript, redisSide } from './in-cluster-redis.js';
import {
  heredoc,
  pairChecks,
  perDatabaseVerdict,
  REFUSE_FULL,
  SAY,
  SAY_DATABASES,
  streamed,
  type PerDatabase,
} from './job-script.js';

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
  /** PostgreSQL: create the roles the data needs that the target lacks (with their password hashes: `rolePasswords`). */
  readonly copyRoles?: boolean;
  readonly rolePasswords?: boolean;
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
 * The Job's script, the product the cluster runs. It moves the source's server whole, as `migrate
 * run --plan` does: the URL's own database first, then every other database there that holds data
 * (Plausible's `plausible_db` beside `postgres`), each into the database of the same name on the
 * target (made as the source has it when missing); ONE_DATABASE=1 moves the URL's database alone.
 * Before writing anything, for every database: refuses one database as both sides, a target that
 * holds data (unless FORCE=1) and roles the target lacks (COPY_ROLES=1 makes them; a Job made with
 * --no-owner needs none). Then streams pg_dump
 * into pg_restore; ANALYZE; then the verification Stevedore runs itself (rows hashed whole per
 * table, definitions, owners and grants, sequences, large objects), on both sides, compared line
 * by line. Its last line is the verdict; exit 0 only when every object matched. VERIFY_ONLY=1
 * compares without copying. Each database is named to libpq by PGDATABASE beside the server's URL,
 * so any name works as it is.
 */
export function postgresJobScript(o: { noOwner?: boolean } = {}): string {
  const owners = !o.noOwner;
  const noOwner = owners ? '' : ' --no-owner --no-acl';
  return [
    'set -eu',
    SAY,
    "TAB=$(printf '\\t')",
    'psql_() { psql -X -A -t -q -v ON_ERROR_STOP=1 -F "$TAB" "$@"; }',
    'src() { PGPASSWORD="${SOURCE_PASSWORD:-}" psql_ -d "$SOURCE_URL" "$@"; }',
    'dst() { PGPASSWORD="${TARGET_PASSWORD:-}" psql_ -d "$TARGET_URL" "$@"; }',
    // The server's URL without its database: libpq then takes the database from PGDATABASE.
    `server() { printf '%s' "$1" | sed 's#^\\([a-z]*://[^/?]*\\)/[^?]*#\\1/#'; }`,
    'SOURCE_SERVER=$(server "$SOURCE_URL"); TARGET_SERVER=$(server "$TARGET_URL")',
    'src_on() { _on=$1; shift; PGDATABASE="$_on" PGPASSWORD="${SOURCE_PASSWORD:-}" psql_ -d "$SOURCE_SERVER" "$@"; }',
    'dst_on() { _on=$1; shift; PGDATABASE="$_on" PGPASSWORD="${TARGET_PASSWORD:-}" psql_ -d "$TARGET_SERVER" "$@"; }',
    'W=$(mktemp -d)',
    'trap \'rm -rf "$W"\' EXIT',
    heredoc(
      '"$W/identity.sql"',
      "select system_identifier::text || ' ' || current_database() from pg_control_system();",
    ),
    heredoc('"$W/objects.sql"', `select ${OBJECT_COUNT};`),
    heredoc('"$W/reset.sql"', `${RESET};`),
    heredoc('"$W/roles.sql"', `${NEEDED_ROLES};`),
    heredoc(
      '"$W/copy-roles.sql"',
      `${rolesScript(':roles_from', (r) => `${r} = any(string_to_array(:'missing', E'\\n'))`)};`,
    ),
    heredoc('"$W/fingerprint.sql"', fingerprintScript(owners)),
    heredoc('"$W/database.sql"', DATABASE_LIKE),
    heredoc('"$W/create.sql"', CREATE_DATABASE),
    ...databasePairs(),
    ': > "$W/needed"',
    ...pairChecks(PER_DATABASE, owners ? ['src_on "$from" -f "$W/roles.sql" >> "$W/needed"'] : []),
    'if [ "${VERIFY_ONLY:-0}" != 1 ]; then',
    ...(owners
      ? [
          'sort -u "$W/needed" > "$W/needed.sorted"',
          'dst -c "select rolname from pg_roles" | sort > "$W/present"',
          'missing=$(comm -23 "$W/needed.sorted" "$W/present" | tr "\\n" " ")',
          // COPY_ROLES=1 makes them (ROLE_PASSWORDS=1: with their password hashes, read by a superuser).
          'if [ -n "$missing" ] && [ "${COPY_ROLES:-0}" = 1 ]; then',
          '  if [ "${ROLE_PASSWORDS:-0}" = 1 ]; then t=pg_authid; else t=pg_roles; fi',
          '  comm -23 "$W/needed.sorted" "$W/present" > "$W/missing"',
          '  src -v roles_from="$t" -v missing="$(cat "$W/missing")" -f "$W/copy-roles.sql" > "$W/roles"',
          '  dst -f "$W/roles"',
          '  say "created the roles $missing(attributes, settings and memberships$(if [ "$t" = pg_authid ]; then echo ", password hashes"; else echo "; set their passwords before the applications log in"; fi))"',
          '  missing=""',
          'fi',
          'if [ -n "$missing" ]; then say "the target lacks the roles $missing(they own or are granted objects in the source): create them first, make the Job with --copy-roles, or with --no-owner. Nothing was written."; exit 3; fi',
        ]
      : []),
    REFUSE_FULL,
    'while IFS="$TAB" read -r from into; do',
    '  if grep -qxF -- "$into" "$W/create"; then',
    '    src_on "$from" -f "$W/database.sql" > "$W/like"',
    '    IFS="$TAB" read -r encoding collate ctype owner < "$W/like"',
    '    dst -v db="$into" -v encoding="$encoding" -v collate="$collate" -v ctype="$ctype" -v owner="$owner" -f "$W/create.sql"',
    '    say "created database $into on the target ($encoding, $collate)"',
    '  elif grep -qxF -- "$into" "$W/full"; then dst_on "$into" -f "$W/reset.sql"; say "FORCE=1: the target database $into was emptied first"',
    '  fi',
    '  say "copying database $from into $into"',
    ...streamed(
      `PGDATABASE="$from" PGPASSWORD="\${SOURCE_PASSWORD:-}" pg_dump -Fc${noOwner} -d "$SOURCE_SERVER"`,
      `PGDATABASE="$into" PGPASSWORD="\${TARGET_PASSWORD:-}" pg_restore --exit-on-error${noOwner} -d "$TARGET_SERVER"`,
      { dump: 'pg_dump', restore: 'pg_restore' },
    ).map((l) => `  ${l}`),
    '  dst_on "$into" -c ANALYZE',
    'done < "$W/pairs"',
    'fi',
    ...perDatabaseVerdict(PER_DATABASE),
  ].join('\n');
}

/** How the PostgreSQL Job asks each database (see PerDatabase). */
const PER_DATABASE: PerDatabase = {
  targetDatabases: 'dst -c "select datname from pg_database"',
  identity: (side) => `${side} -f "$W/identity.sql"`,
  objects: (side) => `${side} -f "$W/objects.sql"`,
  print: (side) => `${side} -f "$W/fingerprint.sql"`,
};

/** A source database's encoding, locale and owner, one tab-separated line. */
const DATABASE_LIKE =
  'select pg_encoding_to_char(encoding), datcollate, datctype, pg_get_userbyid(datdba) from pg_database where datname = current_database();';

/** A database made as the source has it (psql variables db, encoding, collate, ctype, owner); its owner when the target has that role. */
const CREATE_DATABASE = `select format('create database %I template template0 encoding %L lc_collate %L lc_ctype %L', :'db', :'encoding', :'collate', :'ctype') \\gexec
select format('alter database %I owner to %I', :'db', :'owner') where exists (select 1 from pg_roles where rolname = :'owner') \\gexec`;

/**
 * The pairs to move (`source<TAB>target` in $W/pairs): the URLs' own databases, then, unless
 * ONE_DATABASE=1, every other database of the source's server that holds data, to the same name. A
 * database the user cannot read stops the Job before anything is written: it would be left behind.
 */
function databasePairs(): string[] {
  return [
    'OWN=$(src -c "select current_database()"); TARGET_OWN=$(dst -c "select current_database()")',
    'printf \'%s\\t%s\\n\' "$OWN" "$TARGET_OWN" > "$W/pairs"',
    'if [ "${ONE_DATABASE:-0}" != 1 ]; then',
    `  src -c "select datname from pg_database where ${CONNECTABLE} and datname <> current_database() order by 1" > "$W/databases"`,
    '  while IFS= read -r d; do',
    '    n=$(src_on "$d" -f "$W/objects.sql" 2>"$W/error") || { say "the source server holds database $d, which this user cannot read ($(tr -s "\\n " " " < "$W/error" | head -c 300)): moving the server would leave it behind. Grant CONNECT on it, or set ONE_DATABASE=1. Nothing was written."; exit 3; }',
    '    if [ "$n" != 0 ]; then printf \'%s\\t%s\\n\' "$d" "$d" >> "$W/pairs"; fi',
    '  done < "$W/databases"',
    'fi',
    SAY_DATABASES,
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
                ...(o.copyRoles ? [{ name: 'COPY_ROLES', value: '1' }] : []),
                ...(o.rolePasswords ? [{ name: 'ROLE_PASSWORDS', value: '1' }] : []),
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
