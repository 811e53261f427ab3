/** Loading and normalizing Compose projects, and the diagnostics every stage reports. Part of the public API, re-exported by the index. */
export { loadProject, type LoadOptions, type LoadedProject } from '../compose/load.js';
export { toComposeDocument, toComposeYaml, toComposeJson } from '../compose/serialize.js';
export type * from '../compose/types.js';
export { originOf, pointer, serviceOf } from '../compose/types.js';
export { parseDuration, parseSize, formatSize, parsePortSpec, parseVolumeSpec, shellSplit } from '../compose/syntax.js';

export { renderDiagnostics, summarize, displayPath, type RenderOptions } from '../diagnostics/render.js';
export { CODES, type Code } from '../diagnostics/codes.js';
export type { Diagnostic, Origin, Severity, Result } from '../diagnostics/diagnostic.js';
export { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';

export { memoryFs, nodeFs, type FileSystem } from '../io/fs.js';
export { writeFiles } from '../io/write-files.js';
