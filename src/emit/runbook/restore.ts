import type { ContainerJson, Json, PodJson, Rendered } from '../environments.js';
import { podSpecOf } from '../environments.js';
import { loginPrelude } from '../../transform/db-login.js';
import { perNamespace } from './kubectl.js';
import { replicaClaim } from '../../transform/passes/storage.js';

/** How a database comes back from the newest dump its backup CronJob wrote. */
export interface Restore {
  readonly service: string;
  readonly engine: string;
  /** The shell script the restore pod runs (also what the tests run against a real server). */
  readonly script: string;
  /** Commands, in order: stop what writes, restore in a pod that mounts the backups, start again. */
  readonly commands: string[];
}

const LATEST = (host: string, ext: string) =>
  `f=$(ls -1t /backups/${host}-*.${ext} 2>/dev/null | head -n 1); [ -n "$f" ] || { echo "no backup of ${host} (${host}-*.${ext}) in /backups" >&2; exit 1; }; echo "restoring $f"`;

/** The restore script per engine, the counterpart of the backup CronJob's dump script. */
export function restoreScript(engine: string, host: string, dataDir?: string): string | undefined {
  switch (engine) {
    case 'postgres':
      // The newest run's folder: the roles first (a role the server has is left as it is), then one
      // dump a database. --create with --clean drops and recreates each database from its dump: the
      // restore connects to template1, which is none of them.
      return `set -eu; ${loginPrelude(engine)}; d=$(ls -1dt /backups/${host}-2*/ 2>/dev/null | head -n 1); [ -n "$d" ] || { echo "no backup of ${host} (${host}-<time>/) in /backups" >&2; exit 1; }; if [ -s "\${d}roles.sql" ]; then echo "restoring the roles (\${d}roles.sql)"; psql -X -q -v ON_ERROR_STOP=1 -h ${host} -U "$U" -d template1 -f "\${d}roles.sql"; fi; for f in "$d"*.dump; do echo "restoring $f"; pg_restore --clean --if-exists --create --exit-on-error -h ${host} -U "$U" -d template1 "$f"; done`;
    case 'mysql':
      return `set -eu; ${loginPrelude(engine)}; ${LATEST(host, 'sql.gz')}; (mariadb --version >/dev/null 2>&1 && C=mariadb || C=mysql; gunzip -c "$f" | $C -h ${host} -uroot)`;
    case 'mongodb':
      return `set -eu; ${loginPrelude(engine)}; ${LATEST(host, 'archive.gz')}; mongorestore --host ${host} \${U:+--username "$U" --config /tmp/mongo-login.yaml --authenticationDatabase admin} --drop --gzip --archive="$f"`;
    case 'redis':
      // Redis reads its dump only at start: the server is stopped, the file put in its data folder.
      return dataDir
        ? `set -eu; ${LATEST(host, 'rdb')}; rm -f ${dataDir}/appendonly.aof; rm -rf ${dataDir}/appendonlydir; cp "$f" ${dataDir}/dump.rdb.part && mv ${dataDir}/dump.rdb.part ${dataDir}/dump.rdb`
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The restore procedure for a database with a backup CronJob: its pod spec (security context,
 * credentials, the backups claim) reused for a one-off pod that runs the restore script.
 */
export function restoreFor(
  db: Rendered,
  cron: Rendered,
  engine: string,
  namespace: string,
  apps: readonly Rendered[],
): Restore | undefined {
  const host = cron.json.metadata.name.replace(/-backup$/, '');
  const pod = podSpecOf(cron.json);
  const backup = pod?.containers?.[0];
  if (!pod || !backup?.image) return undefined;
  const ns = `kubectl -n ${namespace}`;
  const dbRef = `${db.json.kind.toLowerCase()}/${db.json.metadata.name}`;
  const replicas = db.json.spec?.replicas ?? 1;
  // Apps in another namespace (pods that need more than baseline run apart) are scaled there.
  const stopApps = perNamespace(namespace, apps, 'scale', ' --replicas=0');
  if (engine === 'redis') {
    const data = dataClaim(db);
    const script = data ? restoreScript(engine, host, '/data') : undefined;
    if (!data || !script) return undefined;
    // Redis is stopped: nothing holds its claims, and no pod of it is there to run beside.
    const { affinity: _beside, ...alone } = pod;
    const overrides = podOverrides(alone, backup, script, [{ name: 'data', claim: data.claim, mountPath: '/data' }]);
    return {
      service: db.service ?? host,
      engine,
      script,
      commands: [
        ...stopApps,
        `${ns} scale ${dbRef} --replicas=0`,
        `${ns} wait --for=delete pod/${db.json.metadata.name}-0 --timeout=120s`,
        `${ns} run ${host}-restore --rm -i --restart=Never --image=${backup.image} --overrides='${overrides}'`,
        `${ns} scale ${dbRef} --replicas=${replicas}`,
        `${ns} rollout status ${dbRef} --timeout=300s`,
      ],
    };
  }
  const script = restoreScript(engine, host);
  if (!script) return undefined;
  const overrides = podOverrides(pod, backup, script, []);
  return {
    service: db.service ?? host,
    engine,
    script,
    commands: [
      ...stopApps,
      `${ns} run ${host}-restore --rm -i --restart=Never --image=${backup.image} --overrides='${overrides}'`,
    ],
  };
}

/** The claim that holds the data of replica 0 of a StatefulSet, and where the container mounts it. */
function dataClaim(db: Rendered): { claim: string; mountPath: string } | undefined {
  const template = db.json.spec?.volumeClaimTemplates?.[0];
  const main = podSpecOf(db.json)?.containers?.[0];
  const mount = main?.volumeMounts?.find((m) => m.name === template?.metadata.name);
  if (!template || !mount) return undefined;
  return { claim: replicaClaim(template.metadata.name, db.json.metadata.name), mountPath: mount.mountPath };
}

/** A pod spec for `kubectl run --overrides`: the backup pod's, running the restore script instead. */
function podOverrides(
  pod: PodJson,
  backup: ContainerJson,
  script: string,
  extra: { name: string; claim: string; mountPath: string }[],
): string {
  if (script.includes("'"))
    throw new Error('a restore script must not hold a single quote (it is quoted for the shell)');
  const container: Json = {
    ...backup,
    name: 'restore',
    command: ['sh', '-c', script],
    volumeMounts: [...(backup.volumeMounts ?? []), ...extra.map((e) => ({ name: e.name, mountPath: e.mountPath }))],
  };
  const spec: Json = {
    ...pod,
    restartPolicy: 'Never',
    containers: [container],
    volumes: [
      ...(pod.volumes ?? []),
      ...extra.map((e) => ({ name: e.name, persistentVolumeClaim: { claimName: e.claim } })),
    ],
  };
  return JSON.stringify({ apiVersion: 'v1', spec });
}

/** The JSON of the pod a runbook's `kubectl run … --overrides='…'` line starts, or undefined. */
export function overridesOf(line: string): { spec: { containers: { command: string[] }[] } } | undefined {
  const m = /--overrides='([^']*)'/.exec(line);
  return m?.[1] ? (JSON.parse(m[1]) as { spec: { containers: { command: string[] }[] } }) : undefined;
}
