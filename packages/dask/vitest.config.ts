import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/unit/**/*.test.ts'],
    // A bound against hangs: making RSA keys and starting Python take seconds on a busy machine.
    testTimeout: 60_000,
    // Cleanup hooks close clusters and emulators that stop real processes: 10 s was not enough at load 30.
    hookTimeout: 120_000,
  },
});
