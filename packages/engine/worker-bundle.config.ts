/**
 * How `jq-worker` is bundled. Every worker of a scale-up loads this at the same moment,
 * so it must be small: one file, its dependencies inlined, and `@jq/core` taken from its
 * sources (`@jq/source`) so that the bundler keeps only the error class the worker uses
 * (`@jq/core` declares itself free of side effects) — not the cluster code, execa, yaml or
 * the typebox compiler. test/worker-bundle.test.ts checks what goes in.
 */
export const workerBundleOptions = {
  // CommonJS: Node starts a CommonJS entry without its ES module loader, about 2 MB less
  // resident memory per worker and per task thread. Task modules are still ES modules,
  // loaded with import() when a task names one.
  format: ['cjs'] as ['cjs'],
  conditions: ['@jq/source'],
  // msgpackr's optional native string decoder: probing for its binary costs start-up time
  // for no gain on small frames; left outside, msgpackr uses it only where it is installed.
  keepOutside: {
    name: 'keep-msgpackr-extract-outside',
    setup(build: { onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string; external: boolean }): void }): void {
      build.onResolve({ filter: /^msgpackr-extract$/ }, (args) => ({ path: args.path, external: true }));
    },
  },
  minify: true,
};
