import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { JobQueueError } from '@jq/core';

/**
 * Runs `src/probes/<name>.ts` in a fresh Node process with this process's loader
 * flags (tsx, `@jq/source`) and returns the JSON object on its last stdout line.
 */
export async function runProbe<T>(name: string, args: string[], timeoutMs: number): Promise<T> {
  const file = fileURLToPath(new URL(`../probes/${name}.ts`, import.meta.url));
  const result = await execa(process.execPath, [...process.execArgv, file, ...args], { reject: false, timeout: timeoutMs });
  if (result.failed) {
    const reason = result.timedOut ? `timed out after ${timeoutMs / 1000}s` : `exit ${String(result.exitCode)}`;
    throw new JobQueueError('JQ_COMMAND_FAILED', `[jq/bench] probe ${name} ${args.join(' ')} ${reason}: ${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as T;
}
