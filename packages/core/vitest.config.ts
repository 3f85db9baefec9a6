import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
    // A bound against hangs, not a speed check: fuzzing and journal writers are CPU-bound and slow on a busy machine.
    testTimeout: 60_000,
    // Cleanup hooks close clusters and emulators that stop real processes: 10 s was not enough at load 30.
    hookTimeout: 120_000,
  },
});
