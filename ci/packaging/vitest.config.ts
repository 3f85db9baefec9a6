import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The packaging suite (ci/suites/packaging.sh): what npm users get from the packed
 * tarballs, checked with publint, @arethetypeswrong/cli and a plain npm consumer project.
 * Run from the repository root after `pnpm build`:
 *   pnpm exec vitest run --config ci/packaging/vitest.config.ts
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./packaging-global-setup.ts'],
    // npm installs from the registry, tsc and a cluster of worker processes: generous
    // ceilings so a loaded, shared machine does not fail them.
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
