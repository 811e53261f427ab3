/**
 * Names the CLI needs before it loads any machinery (for `--help` and flag checking). Part of the
 * public API: everything here is re-exported by the index, and nothing here imports anything.
 */
export { ENGINE_IDS, type EngineId } from './migrate/types.js';
