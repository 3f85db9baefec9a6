import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vitest's node environment resolves through Vite's SSR resolver, so the source
  // condition goes in ssr.resolve.conditions: tests import workspace sources, no build.
  ssr: { resolve: { conditions: ['@jq/source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // The suites start real worker processes; on a shared 2-core machine running
    // the files one after another keeps timings predictable.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
