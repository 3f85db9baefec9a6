import type { Options } from 'tsup';

/** What every package's build shares: ESM for Node 20, declarations, source maps. */
export const tsupBase = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
} satisfies Options;
