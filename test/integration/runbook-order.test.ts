import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildPlan } from '../../src/migrate/plan.js';
import { convertStack, HELM } from '../convert-helpers.js';
import { kustomizeRender, parseStream, writeTemp } from '../forms-helpers.js';
import { after, describe, it } from '../harness.js';
import { allStacks } from '../helpers.js';

type Obj = Record<string, any>;
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** The shell lines of one cutover step of RUNBOOK.md, found by its title. */
function stepCommands(md: string, title: string): string[] {
  const section = md.split(/^### \d+\. /m).find((s) => s.startsWith(`${title}\n`));
  if (!section) return [];
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter(Boolean);
}

/**
 * What one runbook line would put in the cluster, rendered by the real tools: `kubectl apply -k` by
 * `kubectl kustomize`, `helm upgrade --install` by `helm template` with the same flags, `kubectl apply
 * -f prod.yaml -l '<name> in (…)'` by that file and selector.
 */
function applied(line: string, cwd: string): Obj[] {
  // A claim made from its JSON: `echo '{…}' | kubectl apply -f -`.
  const made = /^echo '(\{.*\})' \| kubectl apply -f -$/.exec(line);
  if (made) return [JSON.parse(made[1]!) as Obj];
  // One label, as the runbook applies a claim alone: `-l stevedore.dev/claim=<name>`.
  const one = / -l ([\w./-]+)=([\w.-]+)$/.exec(line);
  const pick = (objects: Obj[]) => (one ? objects.filter((o) => o.metadata?.labels?.[one[1]!] === one[2]) : objects);
  const k = /^kubectl apply -k (\S+)(?: -l \S+)?$/.exec(line);
  if (k) return pick(kustomizeRender(path.join(cwd, k[1]!)));
  if (line.startsWith('helm upgrade --install ')) {
    const args = line.slice('helm upgrade --install '.length).split(' ');
    return parseStream(execFileSync(HELM, ['template', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 }));
  }
  const f = /^kubectl apply -f (\S+)(?: -l '([\w./-]+) in \(([^)]*)\)')?(?: -l \S+)?$/.exec(line);
  if (f) {
    const all = pick(parseStream(readFileSync(path.join(cwd, f[1]!), 'utf8')));
    const values = f[3]?.split(',');
    return values ? all.filter((o) => values.includes(o.metadata?.labels?.[f[2]!])) : all;
  }
  return [];
}

const podSpec = (o: Obj): Obj | undefined => o.spec?.template?.spec;
/** The hosts a pod's init containers wait for (`wait-for-<host>`). */
const waitsFor = (o: Obj): string[] =>
  (podSpec(o)?.initContainers ?? [])
    .map((c: Obj) => /^wait-for-(.+)$/.exec(String(c.name))?.[1])
    .filter((h: string | undefined): h is string => Boolean(h));
/** Whether a Service of `objects` has pods behind it: a workload it selects with replicas to run. */
function served(host: string, objects: Obj[]): boolean {
  return objects.some((svc) => {
    if (svc.kind !== 'Service' || svc.metadata.name !== host) return false;
    // The other namespace's Service, by its ExternalName (`<name>.<namespace>.svc.cluster.local`).
    const external = /^([^.]+)\./.exec(String(svc.spec?.externalName ?? ''))?.[1];
    if (external) return external !== host && served(external, objects);
    const selector: Obj = svc.spec?.selector ?? {};
    return (
      Object.keys(selector).length > 0 &&
      objects.some(
        (o) =>
          ['Deployment', 'StatefulSet'].includes(o.kind) &&
          (o.spec?.replicas ?? 1) > 0 &&
          Object.entries(selector).every(([key, v]) => o.spec?.template?.metadata?.labels?.[key] === v),
      )
    );
  });
}
/** A workload that starts pods: a Deployment or StatefulSet with replicas, or a Job. A node agent (DaemonSet) has no replicas to hold back and writes no application data. */
const runs = (o: Obj) =>
  o.kind === 'Job' || (['Deployment', 'StatefulSet'].includes(o.kind) && (o.spec?.replicas ?? 1) > 0);

describe('the runbook applies each layer after what it waits for, with the real kubectl and helm', () => {
  for (const s of allStacks()) {
    it(s.name, () => {
      const load = s.envFiles ? { envFiles: s.envFiles } : {};
      for (const form of ['kustomize', 'helm', 'plain'] as const) {
        const r = convertStack(s.dir, load, {}, undefined, { form, outDir: 'k8s' });
        const md = r.files.get('RUNBOOK.md')!;
        const dir = writeTemp(new Map([...r.files].map(([f, t]) => [`k8s/${f}`, t])), `order-${s.name}-${form}`);
        temps.push(dir);
        const apps = new Set(r.model.workloads.filter((w) => !w.stateful && !w.oneShot).map((w) => w.name));
        const jobs = new Set(r.model.workloads.filter((w) => w.oneShot).map((w) => w.name));
        // Every claim of a layer has a pod of that layer to bind it: under a WaitForFirstConsumer
        // StorageClass (k3s's local-path) a claim nothing mounts stays Pending, and Flux's wait
        // and Argo CD's sync waves hold every later layer for it (the backup claim did).
        if (form === 'kustomize')
          for (const layer of ['data', 'jobs', 'apps']) {
            if (!existsSync(path.join(dir, 'k8s/overlays/prod', layer))) continue; // a layer the stack does not have
            const objects = applied(`kubectl apply -k k8s/overlays/prod/${layer}`, dir);
            const mounted = new Set(
              objects
                .filter((o) => o.kind === 'DaemonSet' || runs(o))
                .flatMap((o) => (podSpec(o)?.volumes ?? []).map((v: Obj) => v.persistentVolumeClaim?.claimName)),
            );
            for (const pvc of objects.filter((o) => o.kind === 'PersistentVolumeClaim'))
              assert.ok(
                mounted.has(pvc.metadata.name),
                `${layer}: claim ${pvc.metadata.name} has no pod in its layer to bind it (Pending for ever under WaitForFirstConsumer)`,
              );
          }
        // Step "Data services": nothing that writes — no Job, no app with pods to run.
        const dataStep = stepCommands(md, 'Data services');
        const first = dataStep.flatMap((l) => applied(l, dir));
        if (dataStep.length) assert.ok(first.length, `${form}: the data step applies something (${dataStep[0]})`);
        else assert.equal(form, 'plain', 'only plain manifests with no data service skip the data step');
        for (const o of first) {
          const name = o.metadata?.labels?.['app.kubernetes.io/name'];
          assert.notEqual(o.kind, 'Job', `${form}: the data step runs Job ${o.metadata.name}`);
          if (runs(o))
            assert.ok(
              !jobs.has(name) && (!apps.has(name) || waitedOn(r.model.edges, name, apps)),
              `${form}: the data step starts ${o.kind} ${o.metadata.name}, an app nothing before the apps waits for`,
            );
        }
        // Every wait of a data service is met by the data step itself.
        for (const o of first.filter(runs))
          for (const host of waitsFor(o))
            assert.ok(
              served(host, first),
              `${form}: ${o.metadata.name} waits for ${host}, not started by the data step`,
            );
        // Every claim a pod of the data step mounts is applied by the data step (else it waits for ever).
        for (const o of first.filter(runs))
          for (const v of podSpec(o)?.volumes ?? [])
            if (v.persistentVolumeClaim)
              assert.ok(
                first.some(
                  (p) => p.kind === 'PersistentVolumeClaim' && p.metadata.name === v.persistentVolumeClaim.claimName,
                ),
                `${form}: ${o.metadata.name} mounts claim ${v.persistentVolumeClaim.claimName}, which the data step does not apply`,
              );
        // Step "Move the data": a copy into a helper pod has the pod made before it, on a claim that
        // exists by then (the data step's, or one applied alone in this step).
        const plan = buildPlan(r.model, r.project);
        let present = [...first];
        const pods = new Set<string>();
        for (const line of stepCommands(md, 'Move the data')) {
          present = [...present, ...applied(line, dir)];
          const run = /^kubectl -n \S+ run (\S+) .*--overrides='([^']*)'/.exec(line);
          if (run) {
            const claim = JSON.parse(run[2]!).spec.volumes[0].persistentVolumeClaim.claimName as string;
            const exists =
              present.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === claim) ||
              present.some(
                (o) =>
                  o.kind === 'StatefulSet' &&
                  (o.spec?.volumeClaimTemplates ?? []).some(
                    (t: Obj) => `${t.metadata.name}-${o.metadata.name}-0` === claim,
                  ),
              );
            assert.ok(exists, `${form}: helper pod ${run[1]} mounts claim ${claim}, which no step so far makes`);
            assert.ok(!pods.has(run[1]!), `${form}: helper pod ${run[1]} is made twice`);
            pods.add(run[1]!);
          }
          const gone = /^kubectl -n \S+ delete pod (\S+)$/.exec(line)?.[1];
          if (gone) pods.delete(gone);
          if (line.startsWith('stevedore migrate verify'))
            for (const step of plan.steps) {
              const pod = /(\S+-volume-copy)\b/.exec(step.target.exec ?? '')?.[1];
              if (pod)
                assert.ok(pods.has(pod), `${form}: verify reads ${step.service} through pod ${pod}, deleted before it`);
            }
          const service = / --service (\S+)/.exec(line)?.[1];
          for (const step of plan.steps.filter((x) => x.service === service)) {
            const pod = /(\S+-volume-copy)\b/.exec(step.target.exec ?? '')?.[1];
            if (pod)
              assert.ok(
                pods.has(pod),
                `${form}: the copy of ${service} writes into pod ${pod}, made by no line before it`,
              );
          }
        }
        // Each step's go-check names only Secrets that the steps so far have put in the cluster.
        const made = new Set<string>();
        for (const section of md.split(/^### \d+\. /m).slice(1)) {
          const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
          for (const line of block.split('\n').filter(Boolean))
            for (const o of applied(line, dir)) if (o.kind === 'Secret') made.add(o.metadata.name);
          const go = /\*\*Go when\*\*(.*)/.exec(section)?.[1] ?? '';
          for (const m of go.matchAll(/get secret ([^`]+)`/g))
            for (const name of m[1]!.trim().split(/\s+/))
              assert.ok(
                made.has(name),
                `${form}: step "${section.split('\n')[0]}" checks Secret ${name} before any step creates it`,
              );
        }
        // Step "Jobs and applications", line by line: each Job's waits are met by what is up when it runs.
        let up = first;
        for (const line of stepCommands(md, 'Jobs and applications')) {
          const now = applied(line, dir);
          if (!now.length) continue;
          up = [
            ...up.filter((o) => !now.some((n) => n.kind === o.kind && n.metadata.name === o.metadata.name)),
            ...now,
          ];
          for (const job of now.filter((o) => o.kind === 'Job'))
            for (const host of waitsFor(job))
              assert.ok(
                served(host, up),
                `${form}: Job ${job.metadata.name} waits for ${host}, which is not up when it runs`,
              );
        }
      }
    });
  }
});

/** Whether a data service or a job waits for this app (depends_on), directly or through another one. */
function waitedOn(
  edges: readonly { from: string; to: string; kind: string }[],
  name: string,
  apps: Set<string>,
): boolean {
  return (
    edges.some((e) => e.kind === 'depends_on' && e.to === name && !apps.has(e.from)) ||
    edges.some((e) => e.kind === 'depends_on' && e.to === name && apps.has(e.from) && waitedOn(edges, e.from, apps))
  );
}

describe('the migration plan and the runbook agree on the cutover', () => {
  for (const s of allStacks()) {
    it(s.name, () => {
      const r = convertStack(s.dir, s.envFiles ? { envFiles: s.envFiles } : {}, {}, undefined, { outDir: 'k8s' });
      const md = r.files.get('RUNBOOK.md')!;
      const plan = buildPlan(r.model, r.project);
      const planned = new Set(plan.steps.map((x) => x.service));
      // Every move the runbook runs is a step of the plan it writes.
      for (const line of stepCommands(md, 'Move the data').filter((l) => l.includes(' --service ')))
        assert.ok(
          planned.has(/--service (\S+)/.exec(line)![1]!),
          `the runbook runs "${line}", which the plan has no step for`,
        );
      // What the runbook stops in Compose, the plan stops; no one-shot service is started again on rollback.
      const stopLine = stepCommands(md, 'Stop the Compose writers').find((l) => / stop /.test(l));
      const stopped = new Set(stopLine ? stopLine.split(' stop ')[1]!.split(' ') : []);
      const oneShot = r.model.workloads.filter((w) => w.oneShot).map((w) => w.name);
      for (const step of plan.steps) {
        for (const w of step.stop) assert.ok(!oneShot.includes(w), `${step.service}: stops one-shot ${w}`);
        if (stopLine)
          for (const w of step.stop)
            assert.ok(
              stopped.has(w) || plan.steps.some((x) => x.service === w),
              `${step.service}: ${w} written to but not stopped by the runbook`,
            );
      }
    });
  }
});
