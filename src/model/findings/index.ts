import type { ComposeProject } from '../../compose/types.js';
import { originOf, pointer, serviceOf } from '../../compose/types.js';
import type { AppModel, Finding, FindingCode, FindingSeverity } from '../types.js';
import { buildWithoutImage } from './build-without-image.js';
import { containerName } from './container-name.js';
import { dangerousCapability } from './dangerous-capability.js';
import { dockerSocket } from './docker-socket.js';
import { hardcodedSecret } from './hardcoded-secret.js';
import { hostDataMount } from './host-data-mount.js';
import { hostNetwork } from './host-network.js';
import { hostPath } from './host-path.js';
import { nodePath } from './node-path.js';
import { noHealthcheck } from './no-healthcheck.js';
import { noResources } from './no-resources.js';
import { noVolume } from './no-volume.js';
import { privileged } from './privileged.js';
import { publishedDataPort } from './published-data-port.js';
import { shownPath, type FindingRule, type Hit } from './rule.js';
import { singlePointOfFailure } from './single-point-of-failure.js';
import { swarmOnly } from './swarm-only.js';
import { invalidImage } from './invalid-image.js';
import { unpinnedImage } from './unpinned-image.js';
import { unsupported } from './unsupported.js';
import { weakDefaultSecret } from './weak-default-secret.js';

export type { FindingRule, FindingContext, Hit } from './rule.js';

/** Every finding rule, in the order their findings are listed for one service. */
export const FINDING_RULES: readonly FindingRule[] = [
  dockerSocket,
  hostDataMount,
  hostPath,
  nodePath,
  privileged,
  hostNetwork,
  dangerousCapability,
  buildWithoutImage,
  invalidImage,
  unpinnedImage,
  weakDefaultSecret,
  hardcodedSecret,
  singlePointOfFailure,
  containerName,
  swarmOnly,
  unsupported,
  noVolume,
  publishedDataPort,
  noHealthcheck,
  noResources,
];

type Grouped = Finding & { readonly group?: Hit['group'] };

/** The risks a migration must address, each with what to do about it: every rule over every service. */
export function detectFindings(
  model: AppModel,
  project: ComposeProject,
  rules: readonly FindingRule[] = FINDING_RULES,
): Finding[] {
  const out: Grouped[] = [];
  const shown = (p: string | undefined) => shownPath(project, p);
  for (const workload of model.workloads) {
    const ctx = { model, project, workload, service: serviceOf(project, workload.name), shown };
    for (const rule of rules)
      for (const hit of rule.check(ctx)) out.push(toFinding(rule.id, rule.severity, workload.name, hit, project));
  }
  const order: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2, info: 3 };
  return collapse(out).sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      (a.service ?? '').localeCompare(b.service ?? '') ||
      a.code.localeCompare(b.code),
  );
}

function toFinding(
  code: FindingCode,
  severity: FindingSeverity,
  service: string,
  hit: Hit,
  project: ComposeProject,
): Grouped {
  const origin = originOf(project, pointer('services', service, ...(hit.at ?? [])));
  return {
    code,
    severity,
    service,
    message: hit.message,
    action: hit.action,
    ...(origin ? { origin } : {}),
    ...(hit.group ? { group: hit.group } : {}),
  };
}

/** One finding for the same risk in many services (an x- anchor shared by all, every image built locally). */
function collapse(findings: Grouped[]): Finding[] {
  const groups = new Map<string, Grouped[]>();
  for (const f of findings) {
    if (!f.group) continue;
    const key = `${f.code}\0${f.group.key}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of findings) {
    const { group, ...finding } = f;
    if (!group) {
      out.push(finding);
      continue;
    }
    const key = `${f.code}\0${group.key}`;
    if (done.has(key)) continue;
    done.add(key);
    const members = groups.get(key) ?? [];
    if (members.length === 1) {
      out.push(finding);
      continue;
    }
    const services = [...new Set(members.flatMap((m) => (m.service ? [m.service] : [])))];
    out.push({ ...finding, message: group.summary(services.length), services });
  }
  return out;
}
