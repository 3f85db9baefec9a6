import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/unit/**/*.test.ts'],
    // A bound against hangs: making RSA keys and starting Python take seconds on a busy machine.
    testTimeout: 60_000,
  },
});
