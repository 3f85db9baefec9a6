import { readFileSync } from 'node:fs';
import type { CommandResult } from '@jq/core';

const directory = new URL('./fixtures/', import.meta.url);

/** A CommandResult recorded from the real SGE by ci/sge/record-fixtures.sh. */
export function recorded(name: string): CommandResult {
  return JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')) as CommandResult;
}

/** The job ids behind the recorded fixtures (see ci/sge/record-fixtures.sh for what each one is). */
export interface Scenario {
  jobName: string;
  single: string;
  suspended: string;
  array: string;
  arrayTasks: number;
  held: string;
  big: string;
  error: string;
  completed: string;
  failed: string;
  timeout: string;
  victim: string;
  rerun: string;
  transfer: string;
}

export const scenario = JSON.parse(readFileSync(new URL('scenario.json', directory), 'utf8')) as Scenario;

/** Every task id of the recorded array, `<array>.1 … <array>.8`. */
export const arrayTaskIds = Array.from({ length: scenario.arrayTasks }, (_, offset) => `${scenario.array}.${offset + 1}`);

/** A verbatim sample from /work/shared/reference/fixtures (public peers' tests). */
export function referenceSample(name: string): string {
  return readFileSync(new URL(`reference/${name}`, directory), 'utf8');
}

/** A CommandResult around text some other tool printed. */
export function output(stdout: string, stderr = '', exitCode = 0): CommandResult {
  return { argv: ['test'], exitCode, stdout, stderr, timedOut: false };
}
