import { readFileSync } from 'node:fs';
import { commandOutput, type RecordedResult, recordedResult } from '@jq/testkit';

const directory = new URL('./fixtures/', import.meta.url);
const scenarioFile = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as T;

/** A CommandResult recorded from the real SGE by ci/sge/record-fixtures.sh (or fixtures/record-states.sh). */
export const recorded = (name: string): RecordedResult => recordedResult(directory, name);

/** A CommandResult around text some other tool printed. */
export const output = commandOutput;

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

export const scenario = scenarioFile<Scenario>('scenario.json');

/** Every task id of the recorded array, `<array>.1 … <array>.8`. */
export const arrayTaskIds = Array.from({ length: scenario.arrayTasks }, (_, offset) => `${scenario.array}.${offset + 1}`);

/** The jobs behind the state-rule fixtures, recorded by `fixtures/record-states.sh`. */
export interface StatesScenario {
  jobName: string;
  /** Rescheduled while running (`qmod -rj`): a `failed 25` record, then it ran again. */
  rescheduled: string;
  /** Could not open its output file: a `failed 26` record with exit status 0, then Eqw. */
  outputError: string;
}

export const statesScenario = scenarioFile<StatesScenario>('states-scenario.json');

/** A verbatim sample from /work/shared/reference/fixtures (public peers' tests). */
export function referenceSample(name: string): string {
  return readFileSync(new URL(`reference/${name}`, directory), 'utf8');
}
