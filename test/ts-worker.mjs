// Starts a TypeScript module in a worker thread (Node 20 workers do not inherit the tsx loader).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
