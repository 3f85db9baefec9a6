#!/usr/bin/env node
// Emulated `mjobctl -c jobexp[,jobexp…] …`: cancels every listed job in one call (comma lists
// and separate words both work, as in Moab). Unknown or finished ids are reported and make
// the exit code 1 while the others are still cancelled. Regular expressions are not emulated.
import { deleteJob, dispatch, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';

const directory = stateDirectory();
const [action, ...expressions] = process.argv.slice(2);
if (action !== '-c') fail(`[jq/testkit] mjobctl ${action ?? ''}: only -c (cancel) is emulated`);
const ids = expressions.flatMap((word) => word.split(',')).filter(Boolean);
if (ids.length === 0) fail('usage: mjobctl -c JOBEXP');
if (ids.some((id) => /[[\]*?^$]/.test(id))) fail('[jq/testkit] mjobctl: job regular expressions are not emulated');

const outcome = withState(directory, (state) => {
  const cancelled = [];
  const errors = [];
  for (const id of ids) {
    const job = state.jobs[id];
    if (!job) errors.push(`ERROR:  invalid job specified: ${id}`);
    else if (job.state === 'finished') errors.push(`ERROR:  cannot cancel job '${id}' (job already completed)`);
    else {
      deleteJob(job);
      cancelled.push(`job '${id}' cancelled`);
    }
  }
  return { cancelled, errors, started: dispatch(state) };
});

startSupervisors(directory, outcome.started);
if (outcome.cancelled.length > 0) process.stdout.write(`\n${outcome.cancelled.join('\n')}\n`);
if (outcome.errors.length > 0) process.stderr.write(`${outcome.errors.join('\n')}\n`);
process.exit(outcome.errors.length > 0 ? 1 : 0);

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
