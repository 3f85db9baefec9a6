#!/usr/bin/env node
/**
 * `jq-run [flags…] <file> [args…]`: see {@link runFile}; rank 0 prints the result as one JSON line.
 * `jq-run --dask [flags…] <script.py> [args…]`: see {@link runDaskInAllocation}; every rank exits
 * with its status, rank 0 with the script's. The flags are those of `jobqueue run`.
 */
import { JobQueueError } from '@jq/core';
import { detectRank } from './runner-ranks.js';
import { runDaskInAllocation } from './runner-dask.js';
import { runFile } from './run-file.js';
import { parseRunCommandLine, runSettingsFromFlags } from './run-flags.js';

const usage =
  'usage: jq-run [--port N [--scheduler-host H] | --handshake-file F] [--threads N] [--death-timeout S] [--connect-timeout S] <file> [args…]\n' +
  '       jq-run --dask [--python P] [--threads N] [--death-timeout S] [--connect-timeout S] <script.py> [args…]\n' +
  '       on every rank: srun, mpirun, pbsdsh or blaunch\n';

// Exit 2 when the command line or a setting is wrong, 1 when the run failed: as `jobqueue run`.
function failed(error: unknown, after = ''): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${after}`);
  process.exit(JobQueueError.isInstance(error) && error.code === 'JQ_CONFIG_INVALID' ? 2 : 1);
}

function commandLine(): ReturnType<typeof parseRunCommandLine> {
  try {
    return parseRunCommandLine(process.argv.slice(2));
  } catch (error) {
    return failed(error, usage);
  }
}

async function run(): Promise<number> {
  const { flags, file, args } = commandLine();
  const settings = runSettingsFromFlags(flags);
  if (settings.dask) return runDaskInAllocation(file, args, settings.options);
  const result = await runFile(file, args, settings.options);
  if (detectRank()?.rank === 0) process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
  return 0;
}

run().then((status) => process.exit(status), (error: unknown) => failed(error));
