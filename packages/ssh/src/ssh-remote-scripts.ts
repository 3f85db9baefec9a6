import { quoteArgument, quoteCommand } from '@jq/core';
import type { Command } from '@jq/core';

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The shell command line the login node runs for `command` (sshd hands it to the user's
 * shell as one string): every word quoted by core's shell-quote based `quoteCommand`, so
 * `$(…)`, quotes and `;` in a value stay text. Environment variables go through `env`.
 */
export function remoteCommandLine(command: Pick<Command, 'argv' | 'env'>): string {
  const environment = Object.entries(command.env ?? {});
  for (const [name] of environment) {
    if (!variableName.test(name)) throw new TypeError(`[jq/ssh] environment variable names are letters, digits and "_", got ${JSON.stringify(name)}`);
  }
  const assignments = environment.map(([name, value]) => `${name}=${value}`);
  return quoteCommand(assignments.length > 0 ? ['env', ...assignments, ...command.argv] : command.argv);
}

/**
 * Makes the runner's private directory on the login node: `base` (relative to the home
 * directory, where sessions start, or absolute), then a fresh `run-XXXXXXXX` in it, all
 * 0700; prints its absolute path.
 */
export function makeRemoteDirectoryScript(base: string): string {
  const quoted = quoteArgument(base.startsWith('/') ? base : `./${base}`);
  return `umask 077 && mkdir -p ${quoted} && d=$(mktemp -d ${quoted}/run-XXXXXXXX) && cd "$d" && pwd -P`;
}

/**
 * Writes standard input to `path`, private (0600), or private and runnable (0700) for a
 * file the job runs in place (an HTCondor executable that is not transferred).
 */
export function uploadScript(path: string, executable = false): string {
  const quoted = quoteArgument(path);
  return `umask 077 && cat > ${quoted}${executable ? ` && chmod 700 ${quoted}` : ''}`;
}

/** Removes the runner's directory on the login node. */
export function removeDirectoryScript(directory: string): string {
  return `rm -rf -- ${quoteArgument(directory)}`;
}

/**
 * Runs a submit at most once per `record` directory, so a submit whose answer was lost
 * with the connection can be asked again safely: the first run keeps its output and exit
 * status in `record` (in a subshell that ignores the hang-up and writes only to files, so
 * it finishes even when the connection drops under it); a repeat waits for that status and
 * replays the answer. Only a successful answer is kept: after a failed submit a repeat runs it again.
 * A submit that reads its script on standard input (`bsub < job.sh`) reads the uploaded copy at `stdinPath`.
 */
export function submitOnceScript(commandLine: string, record: string, waitSeconds: number, stdinPath?: string): string {
  const input = stdinPath === undefined ? '/dev/null' : quoteArgument(stdinPath);
  return [
    `r=${quoteArgument(record)}`,
    'if [ -f "$r/status" ] && [ "$(cat "$r/status")" != 0 ]; then rm -rf -- "$r"; fi',
    `if mkdir -- "$r" 2>/dev/null; then (trap '' HUP PIPE; ${commandLine} >"$r/out" 2>"$r/err" <${input}; echo $? >"$r/status.new"; mv -f -- "$r/status.new" "$r/status"); fi`,
    `i=0; while [ ! -f "$r/status" ]; do i=$((i+1)); if [ "$i" -gt ${Math.max(1, Math.ceil(waitSeconds))} ]; then echo "[jq/ssh] an earlier submit of this job is still running" >&2; exit 75; fi; sleep 1; done`,
    'cat -- "$r/out"; cat -- "$r/err" >&2; exit "$(cat -- "$r/status")"',
  ].join('\n');
}
