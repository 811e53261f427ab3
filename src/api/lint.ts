/** Linting Kubernetes manifests: reading them with positions, the rules, and the reports. Part of the public API, re-exported by the index. */
export { parseManifests, type ParsedManifests } from '../lint/parse.js';
export { lint, resolveRule, unknownRules, ignored, type LintRunOptions, type RuleSetting } from '../lint/run.js';
export { LintContext, PSS_LEVELS, type PssLevel, type LintOptions } from '../lint/context.js';
export { composeLinks, type ComposeLinks, type ComposeLink } from '../lint/compose-links.js';
export { LINT_RULES } from '../lint/rules/index.js';
export { lintJson, lintSarif, lintText, type TextStyle } from '../lint/format.js';
export { parseLintConfig, type LintConfig } from '../lint/config.js';
export { readManifestSources, type ManifestSource, type SourceOptions } from '../io/manifest-sources.js';
export type {
  K8sObject,
  Manifest,
  LintRule,
  LintHit,
  LintFinding,
  LintResult,
  LintSeverity,
  LintInputError,
} from '../lint/types.js';
