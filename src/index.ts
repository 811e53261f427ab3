/**
 * Stevedore's library entry: everything the CLI does is reachable from here.
 */
export { loadProject, type LoadOptions, type LoadedProject } from './compose/load.js';
export { toComposeDocument, toComposeYaml, toComposeJson } from './compose/serialize.js';
export type * from './compose/types.js';
export { originOf, pointer } from './compose/types.js';
export { renderDiagnostics, summarize } from './diagnostics/render.js';
export { CODES, type Code } from './diagnostics/codes.js';
export type { Diagnostic, Origin, Severity, Result } from './diagnostics/diagnostic.js';
export { hasErrors } from './diagnostics/diagnostic.js';
export { memoryFs, nodeFs, type FileSystem } from './io/fs.js';
export { buildModel, type ModelOptions } from './model/build.js';
export type * from './model/types.js';
export { FINDING_CODES } from './model/types.js';
export {
  CATALOG,
  lookupImage,
  parseImage,
  ROLES,
  type ImageKnowledge,
  type Role,
  type ImageRef,
} from './knowledge/index.js';
export { buildAnalysis, renderMarkdown, renderHtml, type Analysis } from './report/index.js';
