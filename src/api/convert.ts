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
export { planFiles, toStream, SECRETS_FILE } from '../emit/plain.js';
export { conversionSummary } from '../emit/summary.js';
export { dumpYaml, toYamlDocument } from '../emit/yaml.js';
