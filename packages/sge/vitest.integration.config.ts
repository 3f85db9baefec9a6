import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

// Runs against the real SGE that ci/sge/up.sh starts; never part of `test`.
export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test-integration/**/*.test.ts'],
    // one execution host with 8 slots: suites must not compete for them
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
