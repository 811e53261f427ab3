/**
 * Stevedore's library entry: everything the CLI does is reachable from here, and the CLI reaches the
 * library only through it.
 *
 * ```ts
 * import { loadProject, buildModel, convert, planFiles, conversionSummary, writeFiles } from 'stevedore';
 * const { value } = loadProject({ cwd: 'path/to/project' });
 * const model = buildModel(value.project!).value;
 * const conversion = convert(model, value.project!).value;
 * writeFiles('k8s', planFiles(conversion, conversionSummary(conversion, model, 'k8s')));
 * ```
 */

// Loading Compose.
export { loadProject, type LoadOptions, type LoadedProject } from './compose/load.js';
export { toComposeDocument, toComposeYaml, toComposeJson } from './compose/serialize.js';
export type * from './compose/types.js';
export { originOf, pointer, serviceOf } from './compose/types.js';
export { parseDuration, parseSize, formatSize, parsePortSpec, parseVolumeSpec, shellSplit } from './compose/syntax.js';

// Diagnostics.
export { renderDiagnostics, summarize, displayPath, type RenderOptions } from './diagnostics/render.js';
export { CODES, type Code } from './diagnostics/codes.js';
export type { Diagnostic, Origin, Severity, Result } from './diagnostics/diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';

// Files and processes.
export { memoryFs, nodeFs, type FileSystem } from './io/fs.js';
export { writeFiles } from './io/write-files.js';
export {
  LOCAL,
  dockerExec,
  kubectlExec,
  transportFrom,
  capture,
  pipe,
  describeCommand,
  type Transport,
  type Command,
  type Captured,
  type PipeOptions,
  type PipeResult,
} from './io/exec.js';

// The application model and the knowledge it draws on.
export { buildModel, type ModelOptions } from './model/build.js';
export type * from './model/types.js';
export { FINDING_CODES } from './model/types.js';
export { FINDING_RULES, detectFindings, type FindingRule } from './model/findings/index.js';
export { indexEdges, type EdgeIndex } from './model/graph.js';
export { classifyEnv, type SecretVerdict } from './model/secrets.js';
export {
  CATALOG,
  knowledgeById,
  lookupImage,
  parseImage,
  ROLES,
  type ImageKnowledge,
  type Role,
  type ImageRef,
} from './knowledge/index.js';

// The analysis report.
export {
  buildAnalysis,
  renderMarkdown,
  renderHtml,
  type Analysis,
  type ServiceReport,
  type Decision,
} from './report/index.js';

// Conversion to Kubernetes: the passes, and the files they become.
export {
  convert,
  PASSES,
  type Conversion,
  type ConvertOptions,
  type Emitted,
  type NotCarried,
} from './transform/index.js';
export { ConvertContext, type Pass } from './transform/context.js';
export type { PodDraft, DraftKind } from './transform/draft.js';
export { dnsLabel } from './transform/names.js';
export { CARRIED, REPORTED } from './transform/keys.js';
export { planFiles, toStream, SECRETS_FILE } from './emit/plain.js';
export { conversionSummary } from './emit/summary.js';
export { dumpYaml, toYamlDocument } from './emit/yaml.js';

// Data migration: plan, run, verify.
export { ENGINE_IDS, type EngineId } from './ids.js';
export { ENGINES, engineFor, engineFromUrl, isEngineId } from './migrate/registry.js';
export { buildPlan, planYaml, planMarkdown, type MigrationPlan, type PlanStep } from './migrate/plan.js';
export { migrateOne, verdictOf, type MigrationResult } from './migrate/run.js';
export {
  MigrateError,
  type Engine,
  type Endpoint,
  type RunOptions,
  type Inspection,
  type RunOutcome,
  type Comparison,
  type Verification,
  type PlanInput,
  type PlanSide,
  type StepDraft,
} from './migrate/types.js';
export { parseUrl, hideSecret, type ParsedUrl } from './migrate/url.js';
