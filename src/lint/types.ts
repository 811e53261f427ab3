import type { LintContext } from './context.js';

/**
 * Annotation on a workload listing `Kind/name` objects it reads that are created outside the input (a
 * ConfigMap from files the user still has to provide): missing-reference reports them as to-dos.
 */
export const CREATED_SEPARATELY = 'lint.stevedore.dev/created-separately';

/** A Kubernetes object as read: only `apiVersion`, `kind` and `metadata` are known to be there. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** An object with where it came from: the file, and the YAML node path of the object in its document. */
export interface Manifest {
  readonly object: K8sObject;
  readonly file: string;
  /** 1-based line and column of the object (its first key). */
  readonly line: number;
  readonly col: number;
  /** Line and column of a field of the object (a path inside it), or of the object when the field is not there. */
  readonly locate: (path: readonly (string | number)[]) => { line: number; col: number };
}

export type LintSeverity = 'error' | 'warning' | 'info';

/** What a rule says about one object. `path` (inside the object) points the finding at the field. */
export interface LintHit {
  readonly at: Manifest;
  readonly message: string;
  readonly path?: readonly (string | number)[];
  /** Overrides the rule's severity (Pod Security controls are errors where a namespace enforces them). */
  readonly severity?: LintSeverity;
  /** The other tools' checks this hit stands for, when narrower than the rule's `covers`. */
  readonly covers?: readonly string[];
}

export interface LintRule {
  /** Our id, also the name of its module under `src/lint/rules/`. */
  readonly id: string;
  readonly severity: LintSeverity;
  /** Off unless asked for (`--rule`, the config file): kube-linter's opt-in checks stay opt-in here. */
  readonly optIn?: boolean;
  /** The checks of other tools this rule stands for: `kube-linter:<check>`, `kube-score:<test>`, `polaris:<check>`, `pss:<level>/<control>`. */
  readonly covers: readonly string[];
  /** One sentence: what is flagged. */
  readonly description: string;
  /** What to do about it. */
  readonly hint: string;
  /** Needs `--compose` (the project the manifests came from). */
  readonly needsCompose?: boolean;
  check(ctx: LintContext): LintHit[];
}

export interface LintFinding {
  readonly rule: string;
  readonly severity: LintSeverity;
  readonly covers: readonly string[];
  readonly object: { apiVersion: string; kind: string; name: string; namespace?: string };
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly hint: string;
}

/** A document that could not be read as a Kubernetes object. */
export interface LintInputError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export interface LintResult {
  readonly findings: LintFinding[];
  readonly errors: LintInputError[];
  readonly summary: {
    readonly objects: number;
    readonly files: number;
    readonly rules: number;
    readonly error: number;
    readonly warning: number;
    readonly info: number;
  };
}
