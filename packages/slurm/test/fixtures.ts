import { readFileSync } from 'node:fs';
import { commandOutput, type RecordedResult, recordedResult } from '@jq/testkit';

const directory = new URL('./fixtures/', import.meta.url);
const scenarioFile = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as T;

/** A CommandResult recorded from the real Slurm by ci/slurm/record-fixtures.sh (or fixtures/record-states.sh). */
export const recorded = (name: string): RecordedResult => recordedResult(directory, name);

/** A CommandResult around text some other tool printed. */
export const output = commandOutput;

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

export const scenario = scenarioFile<Scenario>('scenario.json');

/** Every task id of the recorded array, `<array>_0 … <array>_11`. */
export const arrayTaskIds = Array.from({ length: scenario.arrayTasks }, (_, task) => `${scenario.array}_${task}`);

/** The job ids behind the state-rule fixtures (squeue-states, sacct-states), recorded by `fixtures/record-states.sh`. */
export interface StatesScenario {
  requeued: string;
  waiting: string;
  never: string;
  completing: string;
  killed: string;
  terminated: string;
  memoryKilled: string;
}

export const statesScenario = scenarioFile<StatesScenario>('states-scenario.json');

/** A verbatim sample from /work/shared/reference/fixtures (public peers' tests). */
export function referenceSample(name: string): string {
  return readFileSync(new URL(`reference/${name}`, directory), 'utf8');
}
