import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
    // Tests drive real processes (emulated jobs, workers); each waits for a condition with
    // its own bound, and this ceiling only keeps a shared, loaded machine from failing them.
    testTimeout: 60_000,
    // Cleanup hooks close clusters and emulators that stop real processes: 10 s was not enough at load 30.
    hookTimeout: 120_000,
  },
});
