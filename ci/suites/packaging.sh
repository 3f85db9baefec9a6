#!/usr/bin/env bash
# Packaging suite: what npm users get. Builds, `pnpm pack`s every publishable package under
# packages/*, and checks each tarball with publint and @arethetypeswrong/cli, then installs
# them all into a plain `npm init -y` project (from the npm registry: their third-party
# dependencies) that imports every entry point, typechecks a TypeScript consumer with
# tsc --strict (node16 and bundler resolution) and runs a small ESM program: a Slurm job
# script preview and a 10-task map on a local cluster. No batch system or service needed.
# Prints vitest's "Tests N passed" line, which .ci/run counts.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
pnpm build || exit 1
# ci/packaging is outside every package, so `pnpm typecheck` does not see it.
pnpm exec tsc -p ci/packaging/tsconfig.json || exit 1
pnpm exec vitest run --config ci/packaging/vitest.config.ts
