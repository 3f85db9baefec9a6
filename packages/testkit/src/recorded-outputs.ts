import { readdirSync, readFileSync } from 'node:fs';

/** What a command did, in the shape of core's `CommandResult` (kept structural: the testkit needs no @jq/core). */
export interface RecordedResult {
  argv: string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** The CommandResult recorded from a real system as `<directory>/<name>.json` (as the ci/ record scripts write them). */
export function recordedResult(directory: URL, name: string): RecordedResult {
  return JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')) as RecordedResult;
}

/** A folder of recorded fixtures: its CommandResults, JSON files (scenarios) and verbatim samples. */
export interface RecordedFixtures {
  /** `<name>.json`, a recorded CommandResult. */
  result(name: string): RecordedResult;
  /** A JSON file, e.g. the scenario naming the recorded jobs. */
  json<T>(path: string): T;
  /** A text file, e.g. a verbatim sample under `reference/`. */
  text(path: string): string;
}

/** The fixtures recorded in `directory` (a `file:` URL ending in `/`). */
export function recordedFixtures(directory: URL): RecordedFixtures {
  const read = (path: string) => readFileSync(new URL(path, directory), 'utf8');
  return { result: (name) => recordedResult(directory, name), json: <T>(path: string) => JSON.parse(read(path)) as T, text: read };
}

/** A CommandResult around text some tool printed (`argv` is `['test']`). */
export function commandOutput(stdout: string, stderr = '', exitCode = 0): RecordedResult {
  return { argv: ['test'], exitCode, stdout, stderr, timedOut: false };
}

/**
 * The texts (stdout and stderr, non-empty) of every recorded CommandResult in
 * `directory` whose file name starts with `command` (`squeue` → `squeue-mixed.json`, …):
 * the seeds of mutated-output fuzzing.
 */
export function recordedOutputs(directory: URL, command: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.startsWith(command) && name.endsWith('.json'))
    .flatMap((name) => {
      const { stdout, stderr } = recordedResult(directory, name.replace(/\.json$/, ''));
      return [stdout, stderr].filter((text) => typeof text === 'string' && text !== '');
    });
}
