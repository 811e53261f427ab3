import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { knowledgeById } from '../../knowledge/index.js';
import { CONNECTABLE, OBJECT_COUNT } from '../../migrate/engines/postgres-sql.js';
import { rolesScript } from '../../migrate/engines/postgres-roles.js';
import { shellQuote } from '../../io/shell.js';
import type { Pass } from '../context.js';
import { loginPrelude, requirepassVar } from '../db-login.js';
import { addVolume, type PodDraft } from '../draft.js';
import { dnsLabel } from '../names.js';

const KEEP = 7;

/**
 * The database's own pod mounts its backup claim, read only: the claim's first consumer, so it is
 * bound when the database starts. A claim no pod uses stays Pending under a WaitForFirstConsumer
 * StorageClass (k3s's local-path, EBS gp3, GKE's standard-rwo) until the first backup runs at
 * night, and `helm install --wait`, Flux's `wait` and Argo CD's sync waves all wait for it to be
 * Bound: nothing after the data would be applied. Read only: the database never writes there, and
 * its shell can list the dumps.
 */
function bindWithDatabase(draft: PodDraft, claim: string): void {
  const taken = (name: string) => draft.volumes.some((v) => v.name === name);
  const name = ['backups', 'stevedore-backups', `${claim}-claim`].find((n) => !taken(n)) ?? `${claim}-claim`;
  const used = (p: string) => (draft.main.volumeMounts ?? []).some((m) => m.mountPath === p);
  const mountPath = ['/backups', '/stevedore-backups'].find((p) => !used(p)) ?? `/${claim}`;
  addVolume(draft, { name, persistentVolumeClaim: { claimName: claim, readOnly: true } });
  (draft.main.volumeMounts ??= []).push({ name, mountPath, readOnly: true });
  draft.comments.push(
    `The backup claim ${claim} is mounted read only at ${mountPath}: the database's pod is its first consumer, so the claim is bound when the database starts (under a WaitForFirstConsumer StorageClass it would stay Pending until the first backup, and every install that waits would wait for it).`,
  );
}

/** The dump command per engine, run with the database's own image against its Service, logged in as the service is. */
function dumpScript(engine: string, host: string, redisVar?: string): { script: string; ext: string } | undefined {
  const prune = `ls -1t /backups/${host}-*.* 2>/dev/null | tail -n +${KEEP + 1} | xargs -r rm -f`;
  const stamp = '$(date +%Y%m%d-%H%M%S)';
  const login = loginPrelude(engine, redisVar);
  switch (engine) {
    case 'postgres': {
      // Every database of the server that holds data, not only POSTGRES_DB's (Plausible keeps its
      // data in plausible_db beside an empty postgres): one folder a run, one custom dump a database.
      const psql = (db: string) => `psql -X -A -t -h ${host} -U "$U" -d "${db}"`;
      const q = (db: string, sql: string) => `${psql(db)} -c "${sql}"`;
      const objects = `select ${OBJECT_COUNT.replace(/\s+/g, ' ')}`;
      return {
        ext: 'dump',
        script: [
          `set -eu; umask 077; ${login}; d=/backups/${host}-${stamp}; mkdir -p "$d.part"`,
          // The roles first (pg_dump carries none): with their password hashes where the user may
          // read them (a superuser, as the official image's POSTGRES_USER is), else without.
          `t=pg_authid; ${q('$D', 'select 1 from pg_authid limit 1')} > /dev/null 2>&1 || t=pg_roles`,
          `printf '%s\\n' ${shellQuote(rolesScript(':roles_from'))} | ${psql('$D')} -v roles_from="$t" -f - > "$d.part/roles.sql"`,
          `${q('$D', `select datname from pg_database where ${CONNECTABLE} order by 1`)} > "$d.part/databases"`,
          `while IFS= read -r n; do c=$(${q('$n', objects)}); if [ "$n" = "$D" ] || [ "$c" != 0 ]; then pg_dump -Fc -h ${host} -U "$U" -d "$n" -f "$d.part/$n.dump"; fi; done < "$d.part/databases"`,
          `rm "$d.part/databases"; mv "$d.part" "$d"`,
          `ls -1dt /backups/${host}-2* 2>/dev/null | tail -n +${KEEP + 1} | xargs -r rm -rf`,
        ].join('; '),
      };
    }
    case 'mysql':
      return {
        ext: 'sql.gz',
        script: `set -eu; ${login}; f=/backups/${host}-${stamp}.sql.gz; (mariadb-dump --version >/dev/null 2>&1 && T=mariadb-dump || T=mysqldump; $T -h ${host} -uroot --single-transaction --routines --triggers --all-databases) | gzip > "$f.part" && mv "$f.part" "$f"; ${prune}`,
      };
    case 'mongodb':
      return {
        ext: 'archive.gz',
        script: `set -eu; ${login}; f=/backups/${host}-${stamp}.archive.gz; mongodump --host ${host} \${U:+--username "$U" --config /tmp/mongo-login.yaml --authenticationDatabase admin} --archive="$f.part" --gzip && mv "$f.part" "$f"; ${prune}`,
      };
    case 'redis':
      return {
        ext: 'rdb',
        script: `set -eu; ${login}; f=/backups/${host}-${stamp}.rdb; redis-cli -h ${host} --rdb "$f.part" && mv "$f.part" "$f"; ${prune}`,
      };
    default:
      return undefined;
  }
}

/**
 * A daily backup CronJob for each database: the engine's own dump tool from the same image, into
 * a backup claim, keeping the last seven. `--no-backup` turns it off.
 */
export const backupPass: Pass = {
  id: 'backup',
  description: 'backup CronJobs for databases',
  run(ctx) {
    if (ctx.options.backups === false) return;
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
      if (!w.stateful || !k || !['postgres', 'mysql', 'mongodb', 'redis'].includes(k.migration)) continue;
      const host = ctx.name(w.name);
      const dump = dumpScript(
        k.migration,
        host,
        requirepassVar([...(draft.main.command ?? []), ...(draft.main.args ?? [])]),
      );
      // The service's own credentials: its variables, and the Secret files its *_FILE variables name.
      const secretMounts = (draft.main.volumeMounts ?? []).filter((m) =>
        draft.volumes.some((v) => v.name === m.name && v.secret),
      );
      const secretVolumes = draft.volumes.filter((v) => v.secret && secretMounts.some((m) => m.name === v.name));
      if (!dump) continue;
      const claim = `${host}-backups`;
      const size = draft.claims[0]?.spec?.resources?.requests?.storage ?? k.volumeSize ?? '10Gi';
      const labels = {
        ...ctx.labels(w),
        'app.kubernetes.io/name': `${host}-backup`,
        'app.kubernetes.io/component': 'backup',
      };
      ctx.emit({
        service: w.name,
        file: 'pvc-backups',
        object: new PersistentVolumeClaim({
          metadata: { name: claim, labels },
          spec: {
            accessModes: ['ReadWriteOnce'],
            ...(ctx.options.storageClass ? { storageClassName: ctx.options.storageClass } : {}),
            resources: { requests: { storage: String(size) } },
          },
        }),
        comments: [
          `Backups of ${w.name}, the last ${KEEP} kept. Copy them off the cluster too: a claim dies with its storage.`,
        ],
      });
      bindWithDatabase(draft, claim);
      ctx.emit({
        service: w.name,
        file: 'cronjob-backup',
        object: new CronJob({
          metadata: { name: dnsLabel(`${host}-backup`, 52), labels },
          spec: {
            schedule: '0 3 * * *',
            concurrencyPolicy: 'Forbid',
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 3,
            jobTemplate: {
              spec: {
                backoffLimit: 2,
                template: {
                  metadata: { labels },
                  spec: {
                    restartPolicy: 'OnFailure',
                    automountServiceAccountToken: false,
                    // On the database's node: its pod holds the claim (ReadWriteOnce: one node at a time).
                    affinity: {
                      podAffinity: {
                        requiredDuringSchedulingIgnoredDuringExecution: [
                          { labelSelector: { matchLabels: ctx.selector(w) }, topologyKey: 'kubernetes.io/hostname' },
                        ],
                      },
                    },
                    securityContext: { ...draft.podSecurity },
                    containers: [
                      {
                        name: 'backup',
                        image: draft.main.image ?? '',
                        command: ['sh', '-c', dump.script],
                        ...(draft.main.env ? { env: draft.main.env } : {}),
                        ...(draft.main.envFrom ? { envFrom: draft.main.envFrom } : {}),
                        resources: {
                          requests: { cpu: '100m', memory: '128Mi' },
                          limits: { cpu: '1', memory: '512Mi' },
                        },
                        securityContext: {
                          allowPrivilegeEscalation: false,
                          capabilities: { drop: ['ALL'] },
                          readOnlyRootFilesystem: true,
                        },
                        volumeMounts: [
                          { name: 'backups', mountPath: '/backups' },
                          { name: 'tmp', mountPath: '/tmp' },
                          ...secretMounts.map((m) => ({ ...m, readOnly: true })),
                        ],
                      },
                    ],
                    volumes: [
                      { name: 'backups', persistentVolumeClaim: { claimName: claim } },
                      { name: 'tmp', emptyDir: {} },
                      ...secretVolumes,
                    ],
                  },
                },
              },
            },
          },
        }),
        comments: [
          `Daily ${k.backup ?? 'dump'} of ${w.name}${k.migration === 'postgres' ? ' (every database on it that holds data, one dump each, in a folder a run)' : ''} at 03:00 with its own image (${draft.main.image}), into ${claim}; keeps the last ${KEEP}. Turn off with --no-backup.`,
        ],
      });
    }
  },
};
