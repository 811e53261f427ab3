/** The application model (roles, storage, dependency graph, secrets, findings) and the image knowledge it draws on. Part of the public API, re-exported by the index. */
export { buildModel, type ModelOptions } from '../model/build.js';
export type * from '../model/types.js';
export { FINDING_CODES } from '../model/types.js';
export { FINDING_RULES, detectFindings, type FindingRule } from '../model/findings/index.js';
export { indexEdges, type EdgeIndex } from '../model/graph.js';
export { classifyEnv, type SecretVerdict } from '../model/secrets.js';
export {
  CATALOG,
  knowledgeById,
  lookupImage,
  parseImage,
  ROLES,
  type ImageKnowledge,
  type Role,
  type ImageRef,
} from '../knowledge/index.js';
