import path from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { ConvertContext, Pass } from '../context.js';
import { addVolume, type PodDraft } from '../draft.js';
import { dataKey, dnsLabel } from '../names.js';
import { readProjectFile } from '../../io/project-files.js';

const VALID_KEY = /^[-._a-zA-Z0-9]+$/;

/** Why a Compose secret or config file was not carried, for its to-do. */
const UNREAD = {
  missing: 'the file was not found',
  outside: 'it is outside the project and was not read',
  binary: 'it is not text',
  'too-large': 'it is larger than an object holds',
  special: 'it is not a regular file',
} as const;

/**
 * Environment into a ConfigMap (settings) and a Secret (the model's sensitive values), both read
 * with envFrom; Compose `secrets` and `configs` into Secret and ConfigMap volumes at the same paths.
 * Host names of renamed services are rewritten. A sensitive value never lands in a ConfigMap.
 */
export const configSecretsPass: Pass = {
  id: 'config-secrets',
  description: 'environment, secrets and configs',
  run(ctx) {
    fixedAddressNotes(ctx);
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      const name = ctx.name(w.name);
      const config: Record<string, string> = {};
      const secret: Record<string, string> = {};
      const env: IEnvVar[] = [];
      for (const e of w.environment) {
        if (e.value === null) {
          ctx.skip(
            w.name,
            `environment.${e.name}`,
            'no value: it was taken from the shell, which was empty; set it in the ConfigMap or Secret',
          );
          if (e.sensitive) ctx.todo.push(`Provide ${e.name} for ${w.name} in the Secret ${name}-env`);
          continue;
        }
        const value = ctx.rewriteReferences(e.value);
        for (const [ip, to] of ctx.fixedAddresses())
          if (new RegExp(`(^|[^\\d.])${ip.replace(/\./g, '\\.')}($|[^\\d])`).test(value))
            ctx.todo.push(
              `${w.name}'s ${e.name} names ${to} by its fixed Compose address ${ip}, in a form that wants an address: pods have no fixed address. Give the Service ${to} a fixed clusterIP from your cluster's service range (spec.clusterIP) and put that here, or the name ${to} if ${w.name} accepts one`,
            );
        const key = VALID_KEY.test(e.name) ? e.name : dataKey(e.name);
        (e.sensitive ? secret : config)[key] = value;
        if (key !== e.name)
          env.push({
            name: e.name,
            valueFrom: e.sensitive
              ? { secretKeyRef: { name: `${name}-env`, key } }
              : { configMapKeyRef: { name: `${name}-env`, key } },
          });
      }
      const labels = ctx.labels(w);
      if (Object.keys(config).length) {
        ctx.emit({
          service: w.name,
          file: 'configmap-env',
          object: new ConfigMap({ metadata: { name: `${name}-env`, labels }, data: config }),
          comments: [`Settings of ${w.name} (not sensitive).`],
        });
        draft.main.envFrom = [...(draft.main.envFrom ?? []), { configMapRef: { name: `${name}-env` } }];
      }
      if (Object.keys(secret).length) {
        const weak = w.environment.filter((e) => e.weakDefault).map((e) => e.name);
        ctx.emit({
          service: w.name,
          file: 'secret-env',
          secret: true,
          object: new Secret({ metadata: { name: `${name}-env`, labels }, type: 'Opaque', stringData: secret }),
          comments: [
            `Sensitive values of ${w.name}: ${w.environment
              .filter((e) => e.sensitive && e.value !== null)
              .map((e) => `${e.name} (${e.reason})`)
              .join(', ')}.`,
            'This file is kept out of Git. In production deliver these from a secret manager (External Secrets, Sealed Secrets, SOPS).',
            ...(weak.length
              ? [`WARNING: ${weak.join(', ')} still hold the Compose file's placeholder default: change them.`]
              : []),
          ],
        });
        draft.main.envFrom = [...(draft.main.envFrom ?? []), { secretRef: { name: `${name}-env` } }];
      }
      if (env.length) draft.main.env = [...(draft.main.env ?? []), ...env];
      fileResources(ctx, draft, 'secrets');
      fileResources(ctx, draft, 'configs');
    }
  },
};

/** Compose's fixed addresses and DNS servers: no pod has a fixed address, so both are said, not carried. */
function fixedAddressNotes(ctx: ConvertContext): void {
  for (const [service, svc] of Object.entries(ctx.project.services)) {
    for (const [net, n] of Object.entries(svc.networks ?? {}))
      for (const key of ['ipv4_address', 'ipv6_address'] as const)
        if (n?.[key])
          ctx.skip(
            service,
            `networks.${net}.${key}`,
            `pods get their addresses from the cluster, so none has ${n[key]}: the others reach ${service} by its Service name ${ctx.name(service)} (URLs and host:port pairs naming ${n[key]} were rewritten to it)`,
          );
    if (svc.dns?.length) {
      const named = svc.dns.flatMap((ip) =>
        ctx
          .fixedAddresses()
          .filter(([a]) => a === ip)
          .map(([, to]) => to),
      );
      ctx.skip(
        service,
        'dns',
        `pods resolve through the cluster's DNS, which knows every Service${named.length ? `; to resolve through ${named.join(', ')} as in Compose, give its Service a fixed clusterIP and set the pod's dnsConfig.nameservers to it` : ''}`,
      );
    }
  }
}

function fileResources(ctx: ConvertContext, draft: PodDraft, kind: 'secrets' | 'configs'): void {
  const w = draft.workload;
  const mounts = kind === 'secrets' ? w.fileSecrets : w.fileConfigs;
  for (const m of mounts) {
    const def = ctx.project[kind][m.source];
    if (!def) continue;
    const objName = dnsLabel(`${kind === 'secrets' ? 'secret' : 'config'}-${m.source}`);
    const key = dataKey(m.source);
    const volName = dnsLabel(`${kind}-${m.source}`, 63);
    if (!ctx.has(kind === 'secrets' ? 'Secret' : 'ConfigMap', objName)) {
      let content: string | undefined;
      if (def.file) {
        const r = readProjectFile(ctx.fs, ctx.project.working_dir, def.file);
        if (r.kind === 'text') content = r.text;
        else {
          const why = UNREAD[r.kind];
          const create =
            kind === 'secrets'
              ? `kubectl -n ${ctx.namespaceOf(w.name)} create secret generic ${objName} --from-file=${key}=${ctx.display(def.file)}`
              : `kubectl -n ${ctx.namespaceOf(w.name)} create configmap ${objName} --from-file=${key}=${ctx.display(def.file)}`;
          ctx.todo.push(
            `Create the ${kind === 'secrets' ? 'Secret' : 'ConfigMap'} ${objName} with key ${key} from ${ctx.display(def.file)} (${why}): ${create}`,
          );
        }
      } else if (def.content !== undefined) content = def.content;
      else if (def.environment)
        ctx.todo.push(
          `Create the ${kind === 'secrets' ? 'Secret' : 'ConfigMap'} ${objName} with key ${key} from the variable ${def.environment}`,
        );
      else if (def.external)
        ctx.todo.push(
          `Create the ${kind === 'secrets' ? 'Secret' : 'ConfigMap'} ${objName} (external in Compose: ${def.name})`,
        );
      if (content !== undefined) {
        const metadata = {
          name: objName,
          labels: ctx.projectLabels(),
        };
        ctx.emit(
          kind === 'secrets'
            ? {
                file: `secret-${m.source}`,
                secret: true,
                object: new Secret({ metadata, type: 'Opaque', stringData: { [key]: content } }),
                comments: [`Compose secret ${m.source}${def.file ? ` from ${path.basename(def.file)}` : ''}.`],
              }
            : {
                file: `configmap-${m.source}`,
                object: new ConfigMap({ metadata, data: { [key]: ctx.rewriteFileReferences(content) } }),
                comments: [
                  `Compose config ${m.source}.`,
                  ...(ctx.rewriteFileReferences(content) !== content
                    ? ['Host names of services renamed for Kubernetes were replaced by their Service names.']
                    : []),
                ],
              },
        );
      }
    }
    addVolume(
      draft,
      kind === 'secrets'
        ? { name: volName, secret: { secretName: objName } }
        : { name: volName, configMap: { name: objName } },
    );
    draft.main.volumeMounts = [
      ...(draft.main.volumeMounts ?? []),
      { name: volName, mountPath: m.target, subPath: key, readOnly: true },
    ];
  }
}
