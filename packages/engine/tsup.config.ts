import { defineConfig } from 'tsup';
import { tsupBase } from '../../tsup.base.js';
import { workerBundleOptions } from './worker-bundle.config.js';

export default defineConfig([
  { entry: { index: 'src/index.ts' }, ...tsupBase },
  // The scheduler launches worker-main as a process and the worker loads task-thread into
  // its threads, both by file path: each is one self-contained file (see worker-bundle.config.ts).
  {
    entry: { 'worker-main': 'src/worker-main.ts', 'task-thread': 'src/task-thread.ts' },
    ...tsupBase,
    format: workerBundleOptions.format,
    shims: true,
    dts: false,
    clean: false,
    splitting: false,
    noExternal: [/.*/],
    esbuildPlugins: [workerBundleOptions.keepOutside],
    minify: workerBundleOptions.minify,
    esbuildOptions(options) {
      options.conditions = workerBundleOptions.conditions;
    },
  },
]);
