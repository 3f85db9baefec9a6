import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

// Runs against the real Slurm that ci/slurm/up.sh starts; never part of `test`.
export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test-integration/**/*.test.ts'],
    globalSetup: ['test/support/dashboard-build-page.ts'],
    // One Slurm node shared with other suites, and one browser: one file at a time.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
