import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

// Runs against the real Slurm that ci/slurm/up.sh starts; never part of `test`.
export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test-integration/**/*.test.ts'],
    // one Slurm node: suites must not compete for its 8 CPUs
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
