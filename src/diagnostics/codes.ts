/**
 * The closed list of diagnostic codes. Every diagnostic Stevedore reports uses one of these;
 * the title is what `stevedore` prints in listings and what the docs index.
 */
export const CODES = {
  // Files and YAML
  'no-compose-file': 'No Compose file found',
  'file-not-found': 'A referenced file does not exist',
  'file-unreadable': 'A file could not be read',
  'yaml-syntax': 'The YAML is not well-formed',
  'yaml-duplicate-key': 'A mapping has the same key twice',
  'yaml-bad-merge': 'A `<<` merge key does not point at a mapping',
  'yaml-bad-tag': 'An unknown YAML tag',
  'not-a-mapping': 'The document is not a mapping',
  'empty-file': 'A Compose file is empty',
  'compose-v1-format': 'A file in the version-1 format (services at the top level)',
  // Environment and interpolation
  'env-file-not-found': 'An env file does not exist',
  'env-file-syntax': 'A line of an env file cannot be read',
  'interpolation-syntax': 'A `${...}` expression is not well-formed',
  'interpolation-required': 'A required variable is not set',
  'variable-unset': 'A variable is not set and defaults to an empty string',
  'env-example-available': 'The project has no .env but ships an example of one',
  // Schema and types
  'schema-unknown-key': 'A key the Compose specification does not define',
  'schema-type': 'A value has the wrong type',
  'schema-value': 'A value is not allowed here',
  'invalid-duration': 'A duration cannot be read',
  'invalid-size': 'A byte size cannot be read',
  'invalid-port': 'A port specification cannot be read',
  'invalid-volume': 'A volume specification cannot be read',
  'invalid-project-name': 'The project name is not valid',
  'obsolete-version': 'The top-level `version` key is obsolete',
  // Composition
  'include-cycle': 'Compose files include each other in a cycle',
  'include-conflict': 'An included file defines a resource that already exists',
  'extends-cycle': 'Services extend each other in a cycle',
  'extends-unknown': 'A service extends a service that does not exist',
  // References and semantics
  'unknown-service': 'A reference to a service that does not exist',
  'unknown-volume': 'A reference to a named volume that is not declared',
  'unknown-network': 'A reference to a network that is not declared',
  'unknown-secret': 'A reference to a secret that is not declared',
  'unknown-config': 'A reference to a config that is not declared',
  'disabled-dependency': 'A service depends on a service whose profile is not enabled',
  'dependency-cycle': 'Services depend on each other in a cycle',
  'duplicate-published-port': 'Two services publish the same host port',
  'duplicate-container-name': 'Two services use the same container_name',
  'no-image': 'A service has neither an image nor a build',
  'conflicting-options': 'Two options that cannot be combined',
  'scale-conflict': '`scale` and `deploy.replicas` disagree',
  // Conversion
  'invalid-object': 'A generated Kubernetes object does not validate',
  'carried-with-risk': 'A setting was carried but will likely be refused by a cluster',
  'left-out': 'A setting was left out: it cannot work on a cluster',
  'name-collision': 'Two Compose names map to one Kubernetes name',
  'ingress-host': 'A host name given for an Ingress that cannot have it',
} as const;

export type Code = keyof typeof CODES;
