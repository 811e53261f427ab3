import type { ValidateFunction } from 'ajv';
/** The Compose schema compiled ahead of time by scripts/gen-validator.mjs. */
export declare const validate: ValidateFunction;
export default validate;
