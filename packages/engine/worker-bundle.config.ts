import type { Options } from 'tsup';
import { tsupBase } from '../../tsup.base.js';

/** esbuild plugin shape, declared here so this file needs no esbuild import. */
interface ResolvePlugin {
  name: string;
  setup(build: { onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string; external: boolean }): void }): void;
}

/**
 * msgpackr's optional native string decoder (msgpackr-extract, which npm installs with
 * msgpackr) stays outside the bundle, and `define` below keeps msgpackr from loading it.
 */
const keepMsgpackrExtractOutside: ResolvePlugin = {
  name: 'keep-msgpackr-extract-outside',
  setup(build) {
    build.onResolve({ filter: /^msgpackr-extract$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * How `jq-worker` and its task thread are built. Every worker of a scale-up loads this at
 * the same moment, so it is small: one file each, dependencies inlined, and `@jq/core`
 * taken from its sources (`@jq/source`), so that the bundler keeps only the error class the
 * worker uses (`@jq/core` declares itself free of side effects) — not the cluster code,
 * execa, yaml or the typebox compiler. CommonJS: Node starts a CommonJS entry without its
 * ES module loader, about 2 MB less resident memory per worker and per thread (task
 * modules are still ES modules, loaded with import()). test/worker-bundle.test.ts checks
 * what goes in.
 */
export const workerBundle: Options = {
  entry: { 'worker-main': 'src/worker-main.ts', 'task-thread': 'src/task-thread.ts' },
  ...tsupBase,
  format: ['cjs'],
  shims: true,
  dts: false,
  clean: false,
  splitting: false,
  minify: true,
  noExternal: [/.*/],
  // A worker never loads msgpackr's native decoder: where it was installed it cost each
  // worker about 5 MiB resident and 15 ms at start, and msgpackr calls it only on frames
  // over 140 bytes (batches of tasks), where the bench's task maps ran no faster with it
  // (bench/README.md). Fixed at build time, so nothing in a job's environment turns it on.
  define: { 'process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED': '"true"' },
  esbuildPlugins: [keepMsgpackrExtractOutside as NonNullable<Options['esbuildPlugins']>[number]],
  esbuildOptions(options: { conditions?: string[] }) {
    options.conditions = ['@jq/source'];
  },
};
