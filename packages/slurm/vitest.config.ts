import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
    // Some tests run rendered scripts with bash; this ceiling only keeps a shared,
    // loaded machine from failing them (each takes well under a second when idle).
    testTimeout: 60_000,
    // Cleanup hooks close clusters and emulators that stop real processes: 10 s was not enough at load 30.
    hookTimeout: 120_000,
  },
});
