import assert from 'node:assert/strict';
import { buildModel } from '../src/model/build.js';
import { ConvertContext, type ConvertOptions } from '../src/transform/context.js';
import type { PodDraft } from '../src/transform/draft.js';
import { PASSES } from '../src/transform/index.js';
import { describe, it } from './harness.js';
import { loadMem } from './helpers.js';

/**
 * Runs the passes up to and including `passId` over a small Compose project held in memory (the
 * first file is the main one; others, such as config files, sit beside it under /p), and returns the
 * context for assertions: the pod drafts, the objects emitted so far, to-dos and diagnostics.
 */
export function runUpTo(passId: string, files: Record<string, string> | string, options: ConvertOptions = {}) {
  const { project, diagnostics, fs } = loadMem(typeof files === 'string' ? { 'compose.yaml': files } : files);
  assert.ok(project, diagnostics.map((d) => d.message).join('; '));
  const ctx = new ConvertContext(buildModel(project, { fs }).value, project, options, fs);
  const last = PASSES.findIndex((p) => p.id === passId);
  assert.ok(last >= 0, `no pass ${passId}`);
  for (const pass of PASSES.slice(0, last + 1)) pass.run(ctx);
  return Object.assign(ctx, {
    /** The pod draft of a service. */
    pod(service: string): PodDraft {
      const d = ctx.pods.get(service);
      assert.ok(d, `no pod for ${service}`);
      return d;
    },
    /** Emitted objects of a kind, as plain JSON. */
    all(kind: string): Record<string, any>[] {
      return ctx.objects.map((o) => o.object.toJSON() as Record<string, any>).filter((o) => o.kind === kind);
    },
    /** The one emitted object of a kind and name, as plain JSON. */
    one(kind: string, name: string): Record<string, any> {
      const found = ctx.objects
        .map((o) => o.object.toJSON() as Record<string, any>)
        .filter((o) => o.kind === kind && o.metadata?.name === name);
      assert.equal(found.length, 1, `one ${kind} ${name}`);
      return found[0] ?? {};
    },
  });
}

export type PassRun = ReturnType<typeof runUpTo>;

export interface PassCase {
  readonly name: string;
  readonly compose: Record<string, string> | string;
  readonly options?: ConvertOptions;
  check(ctx: PassRun): void;
}

/** A pass's table of cases, as kustomize tests each filter. */
export function passCases(passId: string, cases: readonly PassCase[]): void {
  describe(`pass ${passId}`, () => {
    for (const c of cases) void it(c.name, () => c.check(runUpTo(passId, c.compose, c.options)));
  });
}
