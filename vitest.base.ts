import { fileURLToPath } from 'node:url';

/**
 * Vitest's node environment resolves through Vite's SSR resolver, so the source
 * condition goes in ssr.resolve.conditions: tests import workspace packages'
 * TypeScript sources directly and `pnpm test` needs no build.
 */
export const workspaceSource = {
  ssr: { resolve: { conditions: ['@jq/source', 'module', 'node', 'development|production'] } },
};

/** Setup file every package's tests run first: a private journal root per test file. */
export const stateIsolation = fileURLToPath(new URL('./vitest.setup-state.ts', import.meta.url));
