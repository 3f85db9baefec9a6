import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';
import { workerBundle } from './worker-bundle.config.js';

export default defineConfig([
  { entry: { index: 'src/index.ts' }, ...tsupBase },
  // The scheduler launches worker-main as a process and the worker loads task-thread into
  // its threads, both by file path: each is one self-contained file.
  workerBundle,
]);
