import { CliUsageError, exitCodes } from '../cli-errors.js';

/** The flags of `jobqueue run`, as commander hands them over (strings until checked). */
export interface RunCommandFlags {
  dask?: boolean;
  handshakeFile?: string;
  port?: string;
  schedulerHost?: string;
  threads?: string;
  deathTimeout?: string;
  connectTimeout?: string;
  python?: string;
}

/**
 * `jobqueue run <file> [args…]` on every rank of one allocation (started by `srun`,
 * `mpirun`, `pbsdsh` or `blaunch`): @jq/runner's `runFile` — rank 0 runs the scheduler and
 * the file's default export and prints its result as one JSON line, the other ranks are its
 * workers. With `--dask`, `<file>` is a Python script and rank 0 a Dask scheduler.
 */
export async function runCommand(file: string, args: string[], flags: RunCommandFlags): Promise<number> {
  const settings = {
    ...positive('--threads', flags.threads, 'threads'),
    ...positive('--death-timeout', flags.deathTimeout, 'deathTimeout'),
    ...positive('--connect-timeout', flags.connectTimeout, 'connectTimeout'),
  };
  const runner = await import('@jq/runner');
  if (flags.dask) {
    if (flags.port !== undefined || flags.schedulerHost !== undefined) throw new CliUsageError('--port and --scheduler-host are for TypeScript runs; a Dask run meets through its scheduler file in the submit directory', 'drop --port with --dask');
    if (flags.handshakeFile !== undefined) throw new CliUsageError('--handshake-file is for TypeScript runs; a Dask run keeps its scheduler file in the submit directory', 'drop --handshake-file with --dask');
    return runner.runDaskInAllocation(file, args, { ...settings, ...(flags.python ? { python: flags.python } : {}) });
  }
  if (flags.python !== undefined) throw new CliUsageError('--python only goes with --dask', 'add --dask to run a Python script');
  const result = await runner.runFile(file, args, { ...settings, ...meetingPlace(flags) });
  if (runner.detectRank()?.rank === 0) process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
  return exitCodes.ok;
}

/** A handshake file, or a fixed port (and host) — not both. */
function meetingPlace(flags: RunCommandFlags): { handshakeFile?: string; port?: number; schedulerHost?: string } {
  if (flags.port === undefined) {
    if (flags.schedulerHost !== undefined) throw new CliUsageError('--scheduler-host only goes with --port', 'add --port <port>');
    return flags.handshakeFile ? { handshakeFile: flags.handshakeFile } : {};
  }
  if (flags.handshakeFile !== undefined) throw new CliUsageError('--port and --handshake-file are two ways for the ranks to meet: give one', 'drop --handshake-file');
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port < 1 || port > 65_535) throw new CliUsageError(`--port: expected a port number 1–65535 (got "${flags.port}")`, 'e.g. --port 47000');
  return { port, ...(flags.schedulerHost ? { schedulerHost: flags.schedulerHost } : {}) };
}

function positive<Key extends string>(flag: string, value: string | undefined, key: Key): Partial<Record<Key, number>> {
  if (value === undefined) return {};
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new CliUsageError(`${flag}: expected a whole number of at least 1 (got "${value}")`, `e.g. ${flag} 30`);
  return { [key]: number } as Partial<Record<Key, number>>;
}
