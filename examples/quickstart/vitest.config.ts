import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests import workspace sources through the @jq/source condition: no build needed.
  ssr: { resolve: { conditions: ['@jq/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
  },
});
