import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

// Runs against the sshd of ci/ssh/up.sh and the real Slurm of ci/slurm/up.sh; never part of `test`.
export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test-integration/**/*.test.ts'],
    // one Slurm node and one sshd: suites must not compete
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
