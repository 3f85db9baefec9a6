import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { journalRoot } from '@jq/core';

const backgroundVariable = 'JQ_CLI_BACKGROUND';

/** Where the background owner of `name` writes its output: `$XDG_STATE_HOME/jobqueue/logs/<name>.log`. */
export function backgroundLog(name: string): string {
  return join(dirname(journalRoot()), 'logs', `${name}.log`);
}

/**
 * `up --detach` for a scheduler that cannot be recorded (the engine today): runs this same
 * command without `--detach` as a background process of its own session, which owns the
 * cluster; returns once it reports the cluster up, or fails with its output.
 */
export async function detachUp(name: string): Promise<number> {
  const log = backgroundLog(name);
  mkdirSync(dirname(log), { recursive: true, mode: 0o700 });
  const output = openSync(log, 'w', 0o600);
  const argv = process.argv.slice(1).filter((word) => word !== '--detach');
  if (!argv.includes('--name')) argv.push('--name', name);
  const child = spawn(process.execPath, [...argv, '--no-progress'], { detached: true, stdio: ['ignore', output, output, 'ipc'], env: { ...process.env, [backgroundVariable]: '1' } });
  const outcome = await new Promise<{ lines: string[] } | { exitCode: number | null }>((resolve) => {
    child.once('message', (message) => resolve(message as { lines: string[] }));
    child.once('exit', (exitCode) => resolve({ exitCode }));
  });
  if ('exitCode' in outcome) {
    process.stderr.write(`cluster ${name} did not start (its owner exited with ${outcome.exitCode}):\n${readFileSync(log, 'utf8').trimEnd()}\n`);
    return outcome.exitCode || 1;
  }
  child.disconnect();
  child.unref();
  process.stdout.write(`${outcome.lines.join('\n')}\n\ncluster ${name} runs in the background (pid ${child.pid}, output in ${log})\n`);
  return 0;
}

/** In the background owner: tells the waiting `up --detach` that the cluster is up. */
export function announceReady(_name: string, lines: string[]): void {
  if (process.env[backgroundVariable] === '1' && process.send) {
    process.send({ lines });
    process.disconnect?.();
  }
}
