import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/integration/**/*.test.ts'],
    // Each file runs real Dask schedulers and workers; on 2 shared cores running the
    // files one after another keeps task timings meaningful and the machine responsive.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
