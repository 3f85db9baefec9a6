import { defineConfig } from 'tsup';

export default defineConfig({
  // worker-main and task-thread are separate entries: the scheduler launches the first as
  // a process and the worker loads the second into its threads, both by file path.
  entry: { index: 'src/index.ts', 'worker-main': 'src/worker-main.ts', 'task-thread': 'src/task-thread.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
});
