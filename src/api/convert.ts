/** Conversion to Kubernetes: the passes, and the files they become. Part of the public API, re-exported by the index. */
export {
  convert,
  PASSES,
  type Conversion,
  type ConvertOptions,
  type Emitted,
  type NotCarried,
} from '../transform/index.js';
export { ConvertContext, type Pass } from '../transform/context.js';
export type { PodDraft, DraftKind } from '../transform/draft.js';
export { dnsLabel } from '../transform/names.js';
export { CARRIED, REPORTED } from '../transform/keys.js';
export { planFiles, EMITTERS } from '../emit/index.js';
export { WRITTEN_LIST } from '../io/write-files.js';
export { toStream } from '../emit/stream.js';
export { SECRETS_FILE } from '../emit/secrets.js';
export { SECRET_VALUES_FILE } from '../emit/helm/index.js';
export { FORMS, GITOPS_TOOLS, type Form, type GitopsTool, type EmitOptions, type GitopsOptions } from '../emit/form.js';
export { ENVIRONMENTS, type Environment } from '../emit/environments.js';
export { conversionSummary } from '../emit/summary.js';
export { dumpYaml, toYamlDocument } from '../emit/yaml.js';
