import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from '../harness.js';
import { EXAMPLES, ROOT } from '../helpers.js';

/**
 * The built package used as a user would: `import ... from 'stevedore'` from a project of their own,
 * resolved through node_modules and package.json `exports`, with the declarations type-checked.
 */
const user = mkdtempSync(path.join(tmpdir(), 'stevedore-user-'));
after(() => rmSync(user, { recursive: true, force: true }));
mkdirSync(path.join(user, 'node_modules'));
symlinkSync(ROOT, path.join(user, 'node_modules', 'stevedore'), 'dir');
// A TypeScript user has Node's types installed; the declarations use them (streams, process).
symlinkSync(path.join(ROOT, 'node_modules', '@types'), path.join(user, 'node_modules', '@types'), 'dir');
writeFileSync(path.join(user, 'package.json'), '{"type": "module"}\n');

/** The snippet the README shows under "Use it as a library". */
function readmeSnippet(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- library-snippet -->\s*```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(m?.[1], 'README.md has the library snippet');
  return m[1];
}

describe('the built package as a library', () => {
  it("the README's snippet converts a project when run as it stands", () => {
    const project = path.join(user, 'project');
    mkdirSync(project);
    writeFileSync(
      path.join(project, 'compose.yaml'),
      readFileSync(path.join(EXAMPLES, 'songnodes', 'docker-compose.yml'), 'utf8'),
    );
    const script = path.join(user, 'snippet.mjs');
    writeFileSync(script, readmeSnippet());
    const r = spawnSync(process.execPath, [script], { cwd: project, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const kustomization = readFileSync(path.join(project, 'k8s', 'base', 'data', 'kustomization.yaml'), 'utf8');
    assert.match(kustomization, /postgres\/statefulset\.yaml/);
    assert.ok(existsSync(path.join(project, 'k8s', 'overlays', 'dev', 'kustomization.yaml')));
    assert.ok(existsSync(path.join(project, 'k8s', 'NOTES.md')));
  });

  it('every area is importable on its own, and the declarations type-check in a user project', () => {
    const areas = ['compose', 'model', 'analyze', 'convert', 'migrate'];
    const ts = [
      "import { loadProject, buildModel, convert, planFiles, type Conversion } from 'stevedore';",
      "import { loadProject as load } from 'stevedore/compose';",
      "import { buildPlan, ENGINE_IDS, type MigrationPlan } from 'stevedore/migrate';",
      "import { renderMarkdown } from 'stevedore/analyze';",
      "const r = load({ cwd: '.' });",
      'const project = r.value.project;',
      'if (project) {',
      '  const model = buildModel(project).value;',
      '  const c: Conversion = convert(model, project).value;',
      "  const files: Map<string, string> = planFiles(c, model, { form: 'helm', skaffold: true });",
      '  const plan: MigrationPlan = buildPlan(model, project);',
      '  console.log(files.size, plan.steps.length, ENGINE_IDS.length, typeof renderMarkdown, typeof loadProject);',
      '}',
    ].join('\n');
    writeFileSync(path.join(user, 'use.ts'), ts);
    writeFileSync(
      path.join(user, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          types: ['node'],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', user], {
      encoding: 'utf8',
    });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    const load = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', areas.map((a) => `await import('stevedore/${a}');`).join('')],
      { cwd: user, encoding: 'utf8' },
    );
    assert.equal(load.status, 0, load.stderr);
  });
});
