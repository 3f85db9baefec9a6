import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
    // The allocation tests start several rank processes; bounds keep a hang from blocking the suite on a busy machine.
    testTimeout: 300_000,
  },
});
