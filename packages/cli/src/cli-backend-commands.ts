import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandResult } from './cli-program.js';
import { addSshFlags } from './ssh-flags.js';

type Runner = (action: () => CommandResult) => () => Promise<void>;

const backendList = 'slurm, pbs, torque, sge, lsf, moab, htcondor, local';

/**
 * Declares `script` and `up`. Their options come from the backend's schema, so when
 * `argv` names one of them, its backend is imported now and every option of it becomes
 * a typed flag (commander then refuses an unknown flag with the nearest name).
 */
export async function declareBackendCommands(program: Command, argv: string[], run: Runner): Promise<void> {
  const script = program
    .command('script')
    .argument('<backend>', backendList)
    .description('print the job script a worker job would run (secrets redacted)')
    .option('--preset <package>', 'site preset: an npm package (and `:export`) made with definePreset')
    .option('--config <file>', 'jobqueue.yaml to read (default $JQ_CONFIG or ~/.config/jobqueue/jobqueue.yaml)')
    .addOption(new Option('--scheduler <kind>', 'scheduler whose worker command the script runs').choices(['engine', 'dask']).default('engine'))
    .addHelpText('after', '\nExamples:\n  jobqueue script slurm --cores 8 --memory 16GB --queue short --walltime 01:00:00\n  jobqueue script pbs --cores 4 --memory 8GB --preset @site/hpc-presets\n\nRun `jobqueue script <backend> --help` to see every option of that backend.');
  const up = program
    .command('up')
    .argument('<backend>', backendList)
    .description('start a named cluster and keep it running until Ctrl-C (or return at once with --detach)')
    .option('--workers <n>', 'workers to start (rounded up to whole jobs)', wholeNumber('--workers'))
    .option('--jobs <n>', 'jobs to submit', wholeNumber('--jobs'))
    .option('--adapt <min:max>', 'adapt between MIN and MAX workers with the load')
    .addOption(new Option('--scheduler <kind>', 'scheduler the workers connect to').choices(['engine', 'dask']).default('engine'))
    .option('--name <name>', 'cluster name (default: generated)')
    .option('--detach', 'return once the cluster runs; it keeps running without this terminal')
    .addOption(new Option('--placement <where>', 'job: scheduler and manager in a batch job of their own; scheduler-job: only the scheduler in a job, workers submitted from here').choices(['process', 'job', 'scheduler-job']))
    .option('--preset <package>', 'site preset: an npm package (and `:export`) made with definePreset')
    .option('--config <file>', 'jobqueue.yaml to read')
    .option('--no-progress', 'plain lines, no progress bar, even on a terminal')
    .addHelpText('after', '\nExamples:\n  jobqueue up slurm --cores 4 --memory 8GB --jobs 2\n  jobqueue up slurm --cores 4 --memory 8GB --jobs 2 --ssh alice@login.hpc.example.org --detach\n  jobqueue up slurm --cores 4 --memory 8GB --adapt 0:20 --name big --detach\n  jobqueue up local --cores 1 --memory 1GB --workers 4 --scheduler dask');
  addSshFlags(up, 'drive the cluster from this machine');
  const backend = backendNamed(argv, ['script', 'up']);
  if (backend !== undefined) {
    const { declareBackendOptions } = await import('./backend-options.js');
    await declareBackendOptions(argv[argv.indexOf(backend) - 1] === 'up' ? up : script, backend);
  }
  script.action((backendName: string, options: Record<string, unknown>) =>
    run(async () => (await import('./commands/script-command.js')).scriptCommand(backendName, options))(),
  );
  up.action((backendName: string, options: Record<string, unknown>) => run(async () => (await import('./commands/up-command.js')).upCommand(backendName, options))());
}

/** The word after `script` or `up` on the command line, when it names no flag. */
function backendNamed(argv: string[], commands: string[]): string | undefined {
  const index = argv.findIndex((word, position) => position >= 2 && commands.includes(word));
  const candidate = index < 0 ? undefined : argv[index + 1];
  return candidate !== undefined && !candidate.startsWith('-') ? candidate : undefined;
}

function wholeNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${flag} "${text}": expected a whole number >= 0`);
    return value;
  };
}
