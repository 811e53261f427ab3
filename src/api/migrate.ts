/** Data migration: plan, run and verify, and the process plumbing it runs on. Part of the public API, re-exported by the index. */
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
} from '../io/exec.js';

export { ENGINE_IDS, type EngineId } from '../ids.js';
export { ENGINES, engineFor, engineFromUrl, isEngineId } from '../migrate/registry.js';
export { buildPlan, planYaml, planMarkdown, type MigrationPlan, type PlanStep } from '../migrate/plan.js';
export { migrateOne, verdictOf, type MigrationResult } from '../migrate/run.js';
export { preflight } from '../migrate/preflight.js';
export {
  clusterTarget,
  jobSecret,
  postgresJob,
  migrationJob,
  JOB_ENGINES,
  type JobEngine,
  postgresJobScript,
  splitPassword,
  type JobInput,
} from '../migrate/in-cluster.js';
export { mysqlJobScript } from '../migrate/in-cluster-mysql.js';
export {
  MigrateError,
  type Engine,
  type Endpoint,
  type RunOptions,
  type Inspection,
  type RunOutcome,
  type Comparison,
  type Verification,
  type PreflightCheck,
  type PreflightInput,
  type PlanInput,
  type PlanSide,
  type StepDraft,
} from '../migrate/types.js';
export { parseUrl, hideSecret, type ParsedUrl } from '../migrate/url.js';
export { migrationReport, humanBytes, type ReportInput } from '../migrate/report.js';
