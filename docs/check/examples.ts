/**
 * Every example the pages show, and how the check runs it. Each runs for real on this
 * machine (the local backend, or a preview that submits nothing) within a time bound,
 * and its output must match: an example that stops working fails the check.
 */
import { defaultPythonCandidates, findDaskPython } from '@jq/dask';
import { EngineScheduler } from '@jq/engine';

/** One program run, with what its output must contain. */
export interface ExampleRun {
  /** Program, relative to docs/. */
  file: string;
  args?: string[];
  env?: Record<string, string>;
  /** Patterns its standard output must match. */
  expect: RegExp[];
}

/** A scenario: runs in order; with `untilOutput`, a run stays in the background once its output matched, and must end by itself later. */
export interface ExampleScenario {
  name: string;
  runs: (ExampleRun & { untilOutput?: RegExp })[];
  /** Why it does not run now, when it cannot (checked at run time, never a fixed skip). */
  notRunnable?: () => Promise<string | undefined>;
}

export const exampleScenarios: ExampleScenario[] = [
  { name: 'library path on the local backend', runs: [{ file: 'examples/library-local.ts', expect: [/^squares: 1 4 9 16$/m] }] },
  { name: 'job script preview', runs: [{ file: 'examples/preview-job-script.ts', expect: [/^#SBATCH -p normal$/m, /^#SBATCH --cpus-per-task=8$/m, /JQ_ENGINE_SECRET=\\<redacted\\>/] }] },
  { name: 'configuration errors', runs: [{ file: 'examples/config-error.ts', expect: [/invalid options/, /cores/, /memory/, /jobExtraDirectives/] }] },
  {
    name: "a dask-jobqueue user's config file",
    runs: [
      {
        file: 'examples/dask-config.ts',
        env: { DASK_CONFIG: 'examples/dask-config' },
        expect: [/notice: .*python/, /account: 'my-project'/, /^#SBATCH --exclusive$/m, /^module load nodejs\/20$/m, /^#SBATCH -J dask-worker$/m],
      },
    ],
  },
  { name: 'a site preset', runs: [{ file: 'examples/use-site-preset.ts', expect: [/^#SBATCH -p compute$/m, /^#SBATCH -A campus-default$/m, /^module load nodejs\/20$/m] }] },
  {
    name: 'attach by name from another process',
    runs: [
      { file: 'examples/attach-owner.ts', args: ['docs-attach'], untilOutput: /is up/, expect: [/scaled from another process to 2 jobs/, /^closed; 2 jobs, 0 still live$/m] },
      { file: 'examples/attach-other.ts', args: ['docs-attach'], expect: [/attached to docs-attach: 1 job\(s\), owner alive/, /asked for 2 jobs/] },
    ],
  },
  {
    name: 'launch a cluster that outlives the terminal',
    runs: [{ file: 'examples/launch-detached.ts', expect: [/overnight runs/] }],
    notRunnable: async () =>
      typeof (EngineScheduler.prototype as { record?: unknown }).record === 'function'
        ? 'it needs a Slurm to submit the manager job to; `ci/suites` covers launch on the real Slurm'
        : 'EngineScheduler has no record() yet, so launch() refuses it; only type-checked until it has',
  },
  {
    name: 'a Python client on a Dask cluster started from TypeScript',
    runs: [{ file: '../examples/dask-python/start-cluster.ts', args: ['--run-client'], expect: [/inc\(1\) = 2/, /sum\(inc\(i\) for i in range\(1000\)\) = 500500/, /cluster closed/] }],
    notRunnable: () =>
      findDaskPython(defaultPythonCandidates).then(
        () => undefined,
        (error: unknown) => `no Python with Dask distributed here (ci/dask/up.sh installs it): ${(error as Error).message}`,
      ),
  },
];
