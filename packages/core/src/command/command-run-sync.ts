import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Command, CommandResult } from '../contracts/backend-v1.js';
import { corePrefix } from '../core-package.js';
import type { RunOptions } from './command-runner.js';

// execa's default output limit; Node's spawnSync would stop at 1 MiB.
const maxOutputBytes = 100_000_000;

/** A command's program and arguments; a command without a program is a bug of its backend. */
export function argvOf(command: Command): [string, ...string[]] {
  const [file, ...args] = command.argv;
  if (file === undefined) throw new TypeError(`${corePrefix} a command needs at least a program name`);
  return [file, ...args];
}

/**
 * Runs `command` and blocks until it ends: what `ExecaCommandRunner.runSync` does at
 * process exit, where no module can be imported any more. Same contract as the
 * asynchronous run: no shell, the environment extended by `command.env`, standard input
 * from `stdinFile`, `stdin` or nothing, output kept as written, killed after the timeout,
 * and never a throw for a command that fails, is killed or is missing.
 */
export function runCommandSync(command: Command, options: RunOptions): CommandResult {
  const [file, ...args] = argvOf(command);
  const input = command.stdinFile !== undefined ? readFileSync(command.stdinFile) : command.stdin;
  const result = spawnSync(file, args, {
    encoding: 'utf8',
    env: { ...process.env, ...command.env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs,
    killSignal: 'SIGTERM',
    maxBuffer: maxOutputBytes,
    ...(input === undefined ? {} : { input }),
  });
  const errorCode = (result.error as NodeJS.ErrnoException | undefined)?.code;
  const timedOut = errorCode === 'ETIMEDOUT';
  const failedToStart = result.error !== undefined && !timedOut && result.status === null && result.signal === null;
  return {
    argv: command.argv,
    exitCode: result.status ?? undefined,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: failedToStart && result.error ? result.error.message : typeof result.stderr === 'string' ? result.stderr : '',
    timedOut,
    ...(failedToStart && errorCode === 'ENOENT' ? { missingCommand: true } : {}),
  };
}
