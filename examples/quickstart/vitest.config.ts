import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../vitest.base.js';

export default defineConfig({
  ...workspaceSource,
  test: {
    include: ['test/**/*.test.ts'],
  },
});
