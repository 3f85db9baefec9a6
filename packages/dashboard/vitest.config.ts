import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
    // The browser tests drive the built page: build it once per run, so no prior build is needed.
    globalSetup: ['test/support/dashboard-build-page.ts'],
    // A browser start and a 1,000-row page on a loaded 2-core machine can take seconds; these
    // limits bound a hang, they time nothing.
    testTimeout: 60_000,
    // One browser at a time: two Chromiums on two cores would slow each other's timings.
    fileParallelism: false,
    hookTimeout: 120_000,
  },
});
