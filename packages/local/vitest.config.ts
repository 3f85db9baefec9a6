import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vitest's node environment resolves through Vite's SSR resolver, so the source
  // condition goes in ssr.resolve.conditions: tests import workspace sources, no build.
  ssr: { resolve: { conditions: ['@jq/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // These tests start real processes; on a loaded 2-core CI machine a job start can
    // take seconds. The limits bound a hang, they do not time anything.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
