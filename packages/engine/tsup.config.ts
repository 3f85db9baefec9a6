import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

export default defineConfig({
  // worker-main and task-thread are separate entries: the scheduler launches the first as
  // a process and the worker loads the second into its threads, both by file path.
  entry: { index: 'src/index.ts', 'worker-main': 'src/worker-main.ts', 'task-thread': 'src/task-thread.ts' },
  ...tsupBase,
  dts: { entry: { index: 'src/index.ts' } },
});
