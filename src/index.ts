/**
 * Stevedore's library entry: everything the CLI does is reachable from here, grouped by area in src/api/
 * (also published as `stevedore/<area>`). The CLI reaches the library only through these modules, each
 * loaded when a command needs it.
 *
 * ```ts
 * import { loadProject, buildModel, convert, planFiles, writeFiles } from 'stevedore';
 * const { value, diagnostics } = loadProject({ cwd: '.' });
 * if (!value.project) throw new Error(diagnostics.map((d) => d.message).join('\n'));
 * const model = buildModel(value.project).value;
 * const conversion = convert(model, value.project).value;
 * writeFiles('k8s', planFiles(conversion, model, { form: 'kustomize', outDir: 'k8s' }));
 * ```
 */

export * from './api/compose.js';
export * from './api/model.js';
export * from './api/analyze.js';
export * from './api/convert.js';
export * from './api/migrate.js';
export * from './api/lint.js';
