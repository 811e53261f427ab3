import type { PlanInput } from './types.js';

/**
 * The plan's note that offers the in-cluster copy, as a command to run: the service's own name, the
 * port it publishes (the cluster reaches the Compose host there), and the password as a variable
 * the CLI takes from the environment, never typed into the command line.
 */
export function inClusterHint(
  input: Pick<PlanInput, 'workload' | 'has'>,
  o: {
    readonly scheme: string;
    readonly port: number;
    /** `user:` (or `:` for none) before the password. */
    readonly user: string;
    /** The variables that may hold the password, in order of preference. */
    readonly passwordVars: readonly string[];
    /** The server may have no password (Redis): without one of the variables, none is given. */
    readonly optionalPassword?: boolean;
    readonly path: string;
    readonly does: string;
  },
): string {
  const w = input.workload;
  const published =
    w.ports.find((p) => p.port === o.port)?.published ?? `<port ${o.port} published on the Compose host>`;
  const set = o.passwordVars.find((v) => input.has(v));
  const variable = set ?? (o.optionalPassword ? undefined : (o.passwordVars[0] ?? 'PASSWORD'));
  const auth = variable ? `${o.user}\${${variable}}@` : '';
  const from = `${o.scheme}://${auth}<compose host>:${published}${o.path}`;
  return `a large dataset is better copied inside the cluster, not through this machine: \`stevedore migrate run --in-cluster --plan plan.yaml --service ${w.name} --from '${from}'\`${variable ? ` (with ${variable} exported)` : ''} ${o.does}; \`stevedore migrate job\` writes that Job for GitOps`;
}
