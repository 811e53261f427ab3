import type { Rendered } from '../environments.js';
import type { FormInput } from '../form.js';
import { dumpYaml } from '../yaml.js';
import type { ChartContext } from './objects.js';
import { goString } from './template.js';

/** Chart.yaml, the helpers every template uses, NOTES.txt and .helmignore. */
export function chartFiles(input: FormInput, ctx: ChartContext, ns: Rendered | undefined): Map<string, string> {
  const files = new Map<string, string>();
  const entry = input.model.workloads.find((w) => w.exposure === 'entry');
  const tag = entry?.image?.tag;
  files.set(
    'Chart.yaml',
    dumpYaml({
      apiVersion: 'v2',
      name: ctx.chart,
      description: `${input.model.project} on Kubernetes: ${input.model.workloads.length} services from its Compose project`,
      type: 'application',
      version: '0.1.0',
      appVersion: tag && tag !== 'latest' ? tag : '0.1.0',
    }),
  );
  const c = ctx.chart;
  files.set(
    'templates/_helpers.tpl',
    [
      `{{/* The labels every object of ${input.model.project} carries; selectors use only name and instance. */}}`,
      `{{- define "${c}.chart" -}}`,
      '{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}',
      '{{- end }}',
      '',
      `{{- define "${c}.selectorLabels" -}}`,
      'app.kubernetes.io/name: {{ .name | quote }}',
      'app.kubernetes.io/instance: {{ .ctx.Release.Name | quote }}',
      '{{- end }}',
      '',
      `{{- define "${c}.labels" -}}`,
      `{{ include "${c}.selectorLabels" . }}`,
      '{{- with .component }}',
      'app.kubernetes.io/component: {{ . | quote }}',
      '{{- end }}',
      `app.kubernetes.io/part-of: ${goString(input.model.project)}`,
      'app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}',
      `helm.sh/chart: {{ include "${c}.chart" .ctx }}`,
      '{{- end }}',
      '',
      '{{/* repository[:tag][@digest] from an image block of values. */}}',
      `{{- define "${c}.image" -}}`,
      '{{ .repository }}{{ with .tag }}:{{ . }}{{ end }}{{ with .digest }}@{{ . }}{{ end }}',
      '{{- end }}',
      '',
    ].join('\n'),
  );
  const ingress = input.envs.prod.find((r) => r.json.kind === 'Ingress');
  const host = ingress?.json.spec?.rules?.[0]?.host as string | undefined;
  const labels = ns?.json.metadata?.labels ?? {};
  files.set(
    'templates/NOTES.txt',
    [
      `${input.model.project} is installed in namespace {{ .Release.Namespace }} as release {{ .Release.Name }}.`,
      '',
      'Pods waiting on CreateContainerConfigError need their Secrets: pass values-secrets.yaml',
      '(-f values-secrets.yaml) or name existing Secrets with secrets.<name>.existingSecret.',
      ...(labels['pod-security.kubernetes.io/enforce']
        ? [
            '',
            `The namespace should enforce Pod Security "${labels['pod-security.kubernetes.io/enforce']}":`,
            `  kubectl label namespace {{ .Release.Namespace }} --overwrite pod-security.kubernetes.io/enforce=${labels['pod-security.kubernetes.io/enforce']}`,
          ]
        : []),
      ...(input.conversion.privilegedNamespace
        ? [
            '',
            `Pods that need more than Pod Security baseline (${[...new Set(input.envs.prod.filter((r) => r.main && r.json.metadata.namespace === input.conversion.privilegedNamespace).map((r) => r.service ?? r.json.metadata.name))].join(', ')}) run in {{ .Release.Namespace }}-privileged,`,
            'which the chart creates and labels "privileged"; only they run there.',
          ]
        : []),
      '',
      'Watch the rollout:',
      '  kubectl get pods --namespace {{ .Release.Namespace }} -l app.kubernetes.io/instance={{ .Release.Name }} -w',
      ...(input.conversion.privilegedNamespace
        ? ['  kubectl get pods --namespace {{ .Release.Namespace }}-privileged -w']
        : []),
      ...(host ? ['', `Then open https://${host}/ (point its DNS at the ingress controller).`] : []),
      '',
    ].join('\n'),
  );
  files.set('.helmignore', ['.git/', '.gitignore', '*.md', 'values-secrets.yaml', ''].join('\n'));
  return files;
}
