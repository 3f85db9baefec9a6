import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

// Runs against the real Slurm that ci/slurm/up.sh starts; never part of `test`.
export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test-integration/**/*.test.ts'],
    testTimeout: 300_000,
    // one Slurm node: the allocations must not compete for its 8 CPUs
    fileParallelism: false,
  },
});
