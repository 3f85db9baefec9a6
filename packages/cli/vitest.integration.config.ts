import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

// Runs against the real Slurm (ci/slurm/up.sh) or SGE (ci/sge/up.sh): `test:integration` picks the Slurm file,
// `test:integration:sge` the SGE one. Never part of `test`.
export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    globalSetup: ['test/support/build-binary.ts'],
    include: ['test-integration/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
