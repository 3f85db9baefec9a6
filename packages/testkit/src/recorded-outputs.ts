import { readdirSync, readFileSync } from 'node:fs';

/**
 * The texts (stdout and stderr, non-empty) of every recorded CommandResult in
 * `directory` whose file name starts with `command` (`squeue` → `squeue-mixed.json`, …):
 * the seeds of the mutated-output inputs.
 */
export function recordedOutputs(directory: URL, command: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.startsWith(command) && name.endsWith('.json'))
    .flatMap((name) => {
      const { stdout, stderr } = JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as { stdout?: unknown; stderr?: unknown };
      return [stdout, stderr].filter((text): text is string => typeof text === 'string' && text !== '');
    });
}
