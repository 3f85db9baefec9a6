import { commandOutput, recordedFixtures } from '@jq/testkit';

const fromSge = recordedFixtures(new URL('./fixtures/', import.meta.url));

// Recorded from SGE 8.1.9 by ci/sge/record-fixtures.sh, and fixtures/record-states.sh for the state rules.
export const recorded = fromSge.result;
export const output = commandOutput;
export const referenceSample = (name: string): string => fromSge.text(`reference/${name}`);

/** What each recorded job is: see ci/sge/record-fixtures.sh. */
type Job = 'single' | 'suspended' | 'array' | 'held' | 'big' | 'error' | 'completed' | 'failed' | 'timeout' | 'victim' | 'rerun' | 'transfer';
/** The job ids behind the recorded fixtures, their job name and the array's task count. */
export const scenario = fromSge.json<Record<Job | 'jobName', string> & { arrayTasks: number }>('scenario.json');

/** Every task id of the recorded array, `<array>.1 … <array>.8`. */
export const arrayTaskIds = Array.from({ length: scenario.arrayTasks }, (_, offset) => `${scenario.array}.${offset + 1}`);

/**
 * The jobs behind fixtures/record-states.sh's outputs: `rescheduled` (`qmod -rj`: a
 * `failed 25` record, then it ran again) and `outputError` (could not open its output
 * file: a `failed 26` record with exit status 0, then Eqw).
 */
export const statesScenario = fromSge.json<Record<'jobName' | 'rescheduled' | 'outputError', string>>('states-scenario.json');
