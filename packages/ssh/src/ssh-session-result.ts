import type { Command, CommandResult } from '@jq/core';

/** What one ssh session ended with. */
export interface SessionOutcome {
  /** ssh's exit status: the remote command's, or 255 when ssh itself failed. */
  exitCode: number | undefined;
  /** Remote standard output. */
  stdout: string;
  /** Remote standard error, and ssh's own messages. */
  stderr: string;
  /** True when the local timeout killed the session. */
  timedOut: boolean;
}

/** Exit status of a remote shell that found no such program (bash, dash, zsh alike). */
const commandNotFound = 127;
/** What the once-only submit exits with while an earlier try of the same submit still runs. */
const earlierSubmitRunning = 75;

/**
 * The result core sees for `command`: its own argv (for messages), the remote exit status,
 * a missing program as core's missing command, and a submit still running from an earlier
 * try as unknown (no exit code: core retries it later, and the record then answers).
 */
export function sessionResult(command: Command, outcome: SessionOutcome): CommandResult {
  const stillRunning = outcome.exitCode === earlierSubmitRunning && outcome.stderr.includes('[jq/ssh] an earlier submit');
  return {
    argv: command.argv,
    exitCode: stillRunning ? undefined : outcome.exitCode,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    timedOut: outcome.timedOut,
    ...(outcome.exitCode === commandNotFound ? { missingCommand: true } : {}),
  };
}
