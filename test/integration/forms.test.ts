import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { convertStack, HELM } from '../convert-helpers.js';
import {
  differences,
  helmLint,
  helmRender,
  kustomizeRender,
  normalize,
  parseStream,
  writeTemp,
} from '../forms-helpers.js';
import { after, describe, it } from '../harness.js';
import { allStacks, SHARED } from '../helpers.js';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (a: Ajv) => void;

const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const temp = (files: ReadonlyMap<string, string>, name: string) => {
  const d = writeTemp(files, name);
  temps.push(d);
  return d;
};

describe('every form renders the same objects, with the real kubectl and helm, for every stack', () => {
  for (const s of allStacks()) {
    it(`${s.name}: overlays = chart = plain, per environment; helm lint --strict clean`, () => {
      const load = { profiles: ['*'], ...(s.envFiles ? { envFiles: s.envFiles } : {}) };
      const k = convertStack(s.dir, load, {}, undefined, { form: 'kustomize' });
      const h = convertStack(s.dir, load, {}, undefined, { form: 'helm' });
      const p = convertStack(s.dir, load, {}, undefined, { form: 'plain' });
      const kd = temp(k.files, `${s.name}-k`);
      const hd = temp(h.files, `${s.name}-h`);
      const ns = k.conversion.namespace;
      const secrets = k.files.has('secrets.yaml') ? parseStream(k.files.get('secrets.yaml')!) : [];
      for (const env of ['prod', 'dev'] as const) {
        const overlay = normalize([...kustomizeRender(path.join(kd, 'overlays', env)), ...secrets]);
        // The chart leaves the Namespace to the installer unless namespace.create is set; with it, nothing differs.
        const chart = normalize(
          helmRender(
            hd,
            k.model.project,
            ns,
            ['values-secrets.yaml', ...(env === 'dev' ? ['values-dev.yaml'] : [])],
            ['namespace.create=true'],
          ),
        );
        assert.deepEqual(differences(overlay, chart, ['kustomize', 'helm']), [], `${env}: kustomize vs helm`);
        const plain = normalize([...parseStream(p.files.get(`${env}.yaml`)!), ...secrets]);
        assert.deepEqual(differences(overlay, plain, ['kustomize', 'plain']), [], `${env}: kustomize vs plain`);
        assert.equal(overlay.size, k.conversion.objects.length - (env === 'dev' ? removedInDev(k.files) : 0));
      }
      helmLint(hd, []);
      helmLint(hd, ['values-dev.yaml']);
    });
  }
});

function removedInDev(files: ReadonlyMap<string, string>): number {
  return (files.get('overlays/dev/env/kustomization.yaml')!.match(/\$patch: delete/g) ?? []).length;
}

describe('the chart', () => {
  const dir = (name: string, compose: string) => {
    const d = mkdtempSync(path.join(tmpdir(), `stevedore-chart-${name}-`));
    temps.push(d);
    writeFileSync(path.join(d, 'compose.yaml'), compose);
    return d;
  };
  it('rejects a mistyped value (values.schema.json) and names it', () => {
    const h = convertStack(
      dir('typo', 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n'),
      {},
      {},
      undefined,
      {
        form: 'helm',
      },
    );
    const hd = temp(h.files, 'typo');
    assert.throws(
      () => helmRender(hd, 'typo', 'typo', [], ['services.web.replcas=2']),
      (e: { stderr?: string }) => /replcas/.test(String(e.stderr)),
    );
    assert.equal(
      helmRender(hd, 'typo', 'typo', [], ['services.web.replicas=4']).find((o) => o.kind === 'Deployment')!.spec
        .replicas,
      4,
    );
  });
  it('passes text with {{ from the Compose file through untouched, in values, commands and comments', () => {
    const compose =
      'services:\n  web:\n    image: nginx:1.27\n    command: ["sh", "-c", "echo {{ .Values.x }} {{- end }}"]\n    environment:\n      TEMPLATE: "{{ range }}"\n';
    const h = convertStack(dir('braces', compose), {}, {}, undefined, { form: 'helm' });
    const objs = helmRender(temp(h.files, 'braces'), 'braces', 'braces', ['values-secrets.yaml']);
    const d = objs.find((o) => o.kind === 'Deployment')!;
    assert.deepEqual(d.spec.template.spec.containers[0].args ?? d.spec.template.spec.containers[0].command, [
      'sh',
      '-c',
      'echo {{ .Values.x }} {{- end }}',
    ]);
    assert.equal(objs.find((o) => o.kind === 'ConfigMap')!.data.TEMPLATE, '{{ range }}');
  });
  it('takes an existing Secret instead of values, and renders no Secret of its own then', () => {
    const compose = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter22\n';
    const h = convertStack(dir('existing', compose), {}, {}, undefined, { form: 'helm' });
    const hd = temp(h.files, 'existing');
    const key = Object.keys(JSON.parse(h.files.get('values.schema.json')!).properties.secrets.properties)[0]!;
    const objs = helmRender(
      hd,
      'existing',
      'existing',
      ['values-secrets.yaml'],
      [`secrets.${key}.existingSecret=vault-db`],
    );
    assert.ok(!objs.some((o) => o.kind === 'Secret'));
    const refs = JSON.stringify(objs.find((o) => o.kind === 'StatefulSet'));
    assert.match(refs, /"vault-db"/);
    // Without values and without an existing Secret the chart still renders; the pods then wait for the Secret.
    assert.ok(!helmRender(hd, 'existing', 'existing', []).some((o) => o.kind === 'Secret'));
    assert.doesNotMatch(readFileSync(path.join(hd, 'values.yaml'), 'utf8'), /hunter22/);
    assert.match(readFileSync(path.join(hd, '.gitignore'), 'utf8'), /values-secrets\.yaml/);
  });
  it('is installed by the command NOTES.md gives (helm accepts every flag of it)', () => {
    const h = convertStack(dir('notes', 'services:\n  web:\n    image: nginx:1.27\n'), {}, {}, undefined, {
      form: 'helm',
      outDir: 'out',
    });
    const notes = h.files.get('NOTES.md')!;
    const install = /^helm upgrade --install .*$/m.exec(notes)![0];
    const hd = temp(h.files, 'notes');
    const args = install
      .split(' ')
      .slice(1)
      .map((a) => a.replace(/^out/, hd))
      .map((a) => (a === 'upgrade' ? 'template' : a))
      .filter((a) => a !== '--install');
    assert.ok(execFileSync(HELM, args, { encoding: 'utf8' }).includes('kind: Deployment'));
  });
});

describe('GitOps and Skaffold files', () => {
  const schemaFile = path.join(SHARED, 'schemas', 'skaffold-v4beta13.json');
  it('Flux: one Kustomization per layer, each depending on the one before; paths that exist', () => {
    const s = allStacks().find((x) => x.name === 'examples/songnodes')!;
    const k = convertStack(s.dir, {}, {}, undefined, {
      form: 'kustomize',
      gitops: { tool: 'flux', repo: 'https://example.com/x.git', path: 'deploy/k8s' },
    });
    const objs = parseStream(k.files.get('gitops/prod/flux.yaml')!);
    const ks = objs.filter((o) => o.kind === 'Kustomization');
    assert.deepEqual(
      ks.map((o) => [o.metadata.name, o.spec.dependsOn?.[0]?.name]),
      [
        ['songnodes-prod-data', undefined],
        ['songnodes-prod-apps', 'songnodes-prod-data'],
      ],
    );
    for (const o of ks) {
      assert.ok(o.spec.wait && o.spec.prune);
      const rel = o.spec.path.replace('./deploy/k8s/', '');
      assert.ok(k.files.has(`${rel}/kustomization.yaml`), rel);
    }
  });
  it('Argo CD: the objects carry sync waves, Namespace and Secrets first, data before jobs before apps', () => {
    const s = allStacks().find((x) => x.name === 'examples/ducklake')!;
    const k = convertStack(s.dir, {}, {}, undefined, {
      gitops: { tool: 'argocd', repo: 'https://example.com/x.git' },
    });
    const kd = temp(k.files, 'argo');
    const waves = new Map(
      kustomizeRender(path.join(kd, 'overlays', 'prod')).map((o) => [
        `${o.kind}/${o.metadata.name}`,
        Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']),
      ]),
    );
    assert.equal(waves.get('Namespace/ducklake'), -1);
    assert.ok(waves.get('StatefulSet/postgres')! < waves.get('Deployment/backend')!);
    const app = parseStream(k.files.get('gitops/prod/argocd.yaml')!)[0]!;
    assert.equal(app.spec.source.path, 'overlays/prod');
    assert.ok(
      parseStream(k.files.get('secrets.yaml')!).every(
        (x) => x.metadata.annotations['argocd.argoproj.io/sync-wave'] === '-1',
      ),
    );
  });
  it('skaffold.yaml validates against the official v4beta13 schema and builds every service with build:', (t) => {
    if (!existsSync(schemaFile)) return t.skip(`no ${schemaFile}`);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    for (const st of allStacks()) {
      for (const form of ['kustomize', 'helm', 'plain'] as const) {
        const load = { profiles: ['*'], ...(st.envFiles ? { envFiles: st.envFiles } : {}) };
        const r = convertStack(st.dir, load, {}, undefined, { form, skaffold: true, outDir: path.join(st.dir, 'k8s') });
        const doc = parseStream(r.files.get('skaffold.yaml')!)[0]!;
        assert.equal(doc.apiVersion, 'skaffold/v4beta13');
        assert.ok(validate(doc), `${st.name} ${form}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
        const built = r.model.workloads.filter((w) => w.build && !/^[a-z]+:\/\//.test(w.build.context));
        assert.equal(doc.build?.artifacts?.length ?? 0, built.length, st.name);
        const contexts = new Set(built.map((w) => w.build!.context));
        for (const a of doc.build?.artifacts ?? [])
          assert.ok(contexts.has(path.resolve(st.dir, 'k8s', a.context)), a.context);
      }
    }
  });
});
