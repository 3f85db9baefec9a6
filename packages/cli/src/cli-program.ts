import { Command, CommanderError } from 'commander';
import { version } from '../package.json';
import { declareClusterCommands } from './cli-cluster-commands.js';
import { declareBackendCommands } from './cli-backend-commands.js';

/** What a command's action hands back: its exit code. */
export type CommandResult = Promise<number>;

/**
 * Parses `argv` and runs the command it names; resolves with the exit code. Errors come
 * back as one line with their code and a hint (the stack with `--debug`), never as a throw.
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command('jobqueue')
    .description('Workers for TypeScript tasks or Dask on HPC batch systems (Slurm, PBS, SGE, LSF, Moab, HTCondor, local)')
    .version(version, '-V, --version')
    .option('--debug', 'print the stack of an error')
    .enablePositionalOptions();
  let exitCode = 0;
  const run = (action: () => CommandResult) => async () => {
    exitCode = await action();
  };
  try {
    await declareBackendCommands(program, argv, run);
    declareClusterCommands(program, run);
    for (const command of [program, ...program.commands]) {
      command.exitOverride().configureOutput({ outputError: () => undefined });
    }
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    const { describeError, exitCodeOf } = await import('./cli-errors.js');
    process.stderr.write(`${describeError(error, argv.includes('--debug'))}\n`);
    return exitCodeOf(error);
  }
}

/** Help and version exit 0; every parsing error is a usage error, exit 2. */
async function commanderExit(error: CommanderError): Promise<number> {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
  const { cliPrefix } = await import('./cli-errors.js');
  process.stderr.write(`${cliPrefix} ${error.message.replace(/^error: /, '')}\n  (run with --help for usage)\n`);
  return 2;
}
