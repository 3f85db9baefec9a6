import { execa } from 'execa';
import type { Command, CommandResult } from '../contracts/backend-v1.js';

/** Runs one command. Never throws for a failing command: the result says what happened. */
export interface CommandRunner {
  run(command: Command, options: { timeoutMs: number }): Promise<CommandResult>;
}

/** Runs commands with execa: argv arrays, no shell, a hard timeout. */
export class ExecaCommandRunner implements CommandRunner {
  async run(command: Command, options: { timeoutMs: number }): Promise<CommandResult> {
    const [file, ...args] = command.argv;
    if (file === undefined) throw new TypeError('[jq/core] a command needs at least a program name');
    const result = await execa(file, args, {
      reject: false,
      timeout: options.timeoutMs,
      ...(command.stdinFile !== undefined
        ? { inputFile: command.stdinFile }
        : command.stdin === undefined
          ? { stdin: 'ignore' as const }
          : { input: command.stdin }),
      env: command.env ?? {},
      stripFinalNewline: false,
    });
    const failedToStart = result.exitCode === undefined && !result.timedOut && result.signal === undefined;
    return {
      argv: command.argv,
      exitCode: result.exitCode,
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
      stderr: failedToStart && result.originalMessage ? result.originalMessage : typeof result.stderr === 'string' ? result.stderr : '',
      timedOut: result.timedOut,
    };
  }
}
