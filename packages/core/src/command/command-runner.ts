import { mkdir } from 'node:fs/promises';
import type { Command, CommandResult } from '../contracts/backend-v1.js';
import { argvOf, runCommandSync } from './command-run-sync.js';

/** How long a command may run. */
export interface RunOptions {
  /** Milliseconds before the command is killed. */
  timeoutMs: number;
}

/** What a runner that reaches another machine tells the cluster once the scheduler listens. */
export interface RunnerConnection {
  /** Address the workers should dial instead of the scheduler's own (a tunnel's far end). */
  workerAddress?: string;
}

/** Runs one command. Never throws for a failing command: the result says what happened. */
export interface CommandRunner {
  /**
   * Called once the scheduler listens at `scheduler.address`, before the first command:
   * a runner on another machine connects here (and may tunnel the scheduler's port to it).
   * Throws when it cannot connect at all (unknown host key, refused login): nothing is submitted.
   */
  connect?(scheduler: { address: string }): Promise<RunnerConnection>;
  /** Called last by the cluster's `close()`, after every job was cancelled: ends the runner's connection. */
  close?(): Promise<void>;
  /** Runs `command` and reports how it ended. */
  run(command: Command, options: RunOptions): Promise<CommandResult>;
  /**
   * Creates `path` and its parents on the machine where the batch commands run (the jobs'
   * `logDirectory`: batch systems do not create it). A runner on another machine does it
   * there; without this method core creates it on this machine.
   */
  makeDirectory?(path: string): Promise<void>;
  /**
   * Makes `address` (`tcp://host:port` or `tls://…`, as the machine where the batch commands
   * run dials it: a scheduler in a batch job) reachable from this machine, and returns the
   * local address to dial instead. Only runners on another machine have it (SSH: a local forward).
   */
  forward?(address: string): Promise<string>;
  /**
   * The same, blocking: only for process exit, where nothing asynchronous runs any more
   * (the last-resort cancel). Runners that cannot block leave it out.
   */
  runSync?(command: Command, options: RunOptions): CommandResult;
}

/** Creates `path` where `runner` runs its commands: through the runner when it says how, else on this machine. */
export async function makeDirectoryWith(runner: CommandRunner, path: string): Promise<void> {
  if (runner.makeDirectory) await runner.makeDirectory(path);
  else await mkdir(path, { recursive: true });
}

/**
 * Runs commands with execa on this machine: argv arrays, no shell, a hard timeout.
 * execa is about a hundred module files, so it is imported when the first command runs,
 * not when core loads: `jobqueue script` and every process that never runs a batch
 * command start without it. The blocking run (process exit only) cannot import
 * anything, so it uses Node's `spawnSync` with the same contract.
 */
export class ExecaCommandRunner implements CommandRunner {
  async run(command: Command, options: RunOptions): Promise<CommandResult> {
    const [file, ...args] = argvOf(command);
    const { execa } = await import('execa');
    return toResult(command, await execa(file, args, { ...execaOptions(command, options) }));
  }

  runSync(command: Command, options: RunOptions): CommandResult {
    return runCommandSync(command, options);
  }
}

function execaOptions(command: Command, options: RunOptions) {
  return {
    reject: false,
    timeout: options.timeoutMs,
    ...(command.stdinFile !== undefined
      ? { inputFile: command.stdinFile }
      : command.stdin === undefined
        ? { stdin: 'ignore' as const }
        : { input: command.stdin }),
    env: command.env ?? {},
    stripFinalNewline: false,
  } as const;
}

interface ExecaOutcome {
  exitCode?: number | undefined;
  stdout?: unknown;
  stderr?: unknown;
  timedOut: boolean;
  signal?: string | undefined;
  originalMessage?: string | undefined;
  code?: string | undefined;
}

function toResult(command: Command, result: ExecaOutcome): CommandResult {
  const failedToStart = result.exitCode === undefined && !result.timedOut && result.signal === undefined;
  return {
    argv: command.argv,
    exitCode: result.exitCode,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: failedToStart && result.originalMessage ? result.originalMessage : typeof result.stderr === 'string' ? result.stderr : '',
    timedOut: result.timedOut,
    ...(failedToStart && result.code === 'ENOENT' ? { missingCommand: true } : {}),
  };
}
