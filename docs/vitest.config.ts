import { defineConfig } from 'vitest/config';
import { stateIsolation, workspaceSource } from '../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    setupFiles: [stateIsolation],
    include: ['test/**/*.test.ts'],
  },
});
