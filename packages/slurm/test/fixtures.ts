import { commandOutput, recordedFixtures } from '@jq/testkit';

/** Outputs recorded from Slurm 22.05 by ci/slurm/record-fixtures.sh and fixtures/record-states.sh (see fixtures/README.md). */
const fixtures = recordedFixtures(new URL('./fixtures/', import.meta.url));

/** A recorded CommandResult by file name (`squeue-ended`). */
export const recorded = fixtures.result;

/** A CommandResult around text some other tool printed. */
export const output = commandOutput;

/** The job ids behind ci/slurm/record-fixtures.sh's outputs, and the array's task count. */
export const scenario = fixtures.json<Record<'single' | 'array' | 'held' | 'failed' | 'completed' | 'timeout' | 'cancelled', string> & { arrayTasks: number }>('scenario.json');

/** Every task id of the recorded array, `<array>_0 … <array>_11`. */
export const arrayTaskIds = Array.from({ length: scenario.arrayTasks }, (_, task) => `${scenario.array}_${task}`);

/** The job ids behind fixtures/record-states.sh's outputs (squeue-states, sacct-states). */
export const statesScenario = fixtures.json<Record<'requeued' | 'waiting' | 'never' | 'completing' | 'killed' | 'terminated' | 'memoryKilled', string>>('states-scenario.json');

/** A verbatim sample from /work/shared/reference/fixtures (public peers' tests). */
export const referenceSample = (name: string): string => fixtures.text(`reference/${name}`);
