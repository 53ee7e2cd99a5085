// Source mode only (tests, `npm run bench`): a worker thread does not inherit tsx from `node --import tsx`, so
// this plain module registers tsx in the worker and then loads the worker's TypeScript entry. Bundled builds start
// their bundled worker directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
