import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    // Builds the `jobqueue` binary (and the packages it loads) once: the tests run it as a subprocess.
    globalSetup: ['test/support/build-binary.ts'],
    include: ['test/**/*.test.ts'],
    // Clusters of real processes: generous bounds so a busy machine does not fail them.
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
