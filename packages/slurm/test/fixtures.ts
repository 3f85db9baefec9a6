import { readFileSync } from 'node:fs';
import type { CommandResult } from '@jq/core';

const directory = new URL('./fixtures/', import.meta.url);

/** A CommandResult recorded from the real Slurm by ci/slurm/record-fixtures.sh. */
export function recorded(name: string): CommandResult {
  return JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')) as CommandResult;
}

/** The job ids behind the recorded fixtures. */
export interface Scenario {
  single: string;
  array: string;
  held: string;
  failed: string;
  completed: string;
  timeout: string;
  cancelled: string;
  arrayTasks: number;
}

export const scenario = JSON.parse(readFileSync(new URL('scenario.json', directory), 'utf8')) as Scenario;

/** Every task id of the recorded array, `<array>_0 … <array>_11`. */
export const arrayTaskIds = Array.from({ length: scenario.arrayTasks }, (_, task) => `${scenario.array}_${task}`);

/** A verbatim sample from /work/shared/reference/fixtures (public peers' tests). */
export function referenceSample(name: string): string {
  return readFileSync(new URL(`reference/${name}`, directory), 'utf8');
}

/** A CommandResult around text some other tool printed. */
export function output(stdout: string, stderr = '', exitCode = 0): CommandResult {
  return { argv: ['test'], exitCode, stdout, stderr, timedOut: false };
}
