import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vitest's node environment resolves through Vite's SSR resolver, so the source
  // condition goes in ssr.resolve.conditions: tests import workspace sources, no build.
  ssr: { resolve: { conditions: ['@jq/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
  },
});
