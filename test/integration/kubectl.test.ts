import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFiles } from '../../src/io/write-files.js';
import { convertStack, kustomize } from '../convert-helpers.js';
import { after, describe, it } from '../harness.js';
import { allStacks } from '../helpers.js';

const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('the real kubectl renders what convert writes, for every stack', () => {
  for (const s of allStacks()) {
    it(`${s.name}: kubectl kustomize renders every object`, () => {
      const real = convertStack(s.dir, { profiles: ['*'], ...(s.envFiles ? { envFiles: s.envFiles } : {}) });
      const dir = mkdtempSync(path.join(tmpdir(), `stevedore-${s.name.replace(/\W/g, '-')}-`));
      temps.push(dir);
      writeFiles(dir, real.files);
      // Secrets are applied from their git-ignored file; the overlays hold everything else.
      const rendered = kustomize(path.join(dir, 'overlays', 'prod'));
      const secrets = real.conversion.objects.filter((e) => e.secret).length;
      assert.equal((rendered.match(/^kind: /gm) ?? []).length, real.conversion.objects.length - secrets);
    });
  }
});
