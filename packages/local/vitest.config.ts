import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
    // These tests start real processes; on a loaded 2-core CI machine a job start can
    // take seconds. The limits bound a hang, they do not time anything.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
