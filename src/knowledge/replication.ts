import type { ImageKnowledge } from './types.js';

/** Engines with one writable primary: N replicas of the plain image are N separate databases. */
const SINGLE_PRIMARY = new Set(['postgres', 'mysql', 'redis', 'mongodb']);
/** Words in a command or an environment variable name that show replication is set up. */
const CLUSTER_HINT =
  /repl(ica)?set|replication|replicaof|slaveof|cluster[-_]enabled|sentinel|galera|wsrep|patroni|repmgr|group[-_]replication/i;

/**
 * Whether more than one replica of this image would be independent databases: a single-primary
 * engine whose command and environment set up no replication. Convert runs such a service once;
 * lint's stateful-replicas rule flags manifests that do not.
 */
export function unreplicatedPrimary(
  known: ImageKnowledge | undefined,
  words: readonly string[],
  envNames: readonly string[],
): boolean {
  if (!known || !SINGLE_PRIMARY.has(known.migration)) return false;
  return !words.some((x) => CLUSTER_HINT.test(x)) && !envNames.some((e) => CLUSTER_HINT.test(e));
}
