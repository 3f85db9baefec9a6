import type { Options } from 'tsup';

/**
 * What every package's build shares: ESM for Node 20, declarations, source maps.
 *
 * typebox is bundled into each package's JavaScript: its published build is about 700
 * module files, and resolving and loading them was most of `jobqueue script`'s cold start
 * (issue 14). A bundled copy per package is safe because typebox keeps a schema's kind
 * in the schema itself (a `~kind` string property), not in per-copy symbols or
 * registries, and jobqueue sets no typebox settings or formats: a schema built by one
 * copy is checked the same by another. The declarations still import `typebox` (tsup's
 * declaration build keeps dependencies external), so typebox stays a dependency of every
 * package whose types mention it.
 */
export const tsupBase = {
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
  noExternal: ['typebox'],
} satisfies Options;
