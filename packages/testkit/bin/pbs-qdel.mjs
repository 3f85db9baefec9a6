#!/usr/bin/env node
// Emulated qdel: deletes every id given in one call; unknown and finished ids are reported
// with PBS's exit codes while the others are still deleted.
import { deleteJob, dispatch, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';

const directory = stateDirectory();
const ids = process.argv.slice(2).filter((word) => !word.startsWith('-'));
if (ids.length === 0) {
  process.stderr.write('usage: qdel [-W force|suppress_email=X] [-x] job_identifier...\n');
  process.exit(2);
}

const outcome = withState(directory, (state) => {
  const errors = [];
  let exitCode = 0;
  for (const id of ids) {
    const job = state.jobs[id];
    if (!job) {
      errors.push(`qdel: Unknown Job Id ${id}`);
      exitCode = 153;
      continue;
    }
    if (job.state === 'finished') {
      errors.push(`qdel: Job has finished ${id}`);
      exitCode = 35;
      continue;
    }
    const targets = job.isArrayParent ? Object.values(state.jobs).filter((child) => child.parentId === id) : [job];
    for (const target of targets) deleteJob(target);
    if (job.isArrayParent) deleteJob(job);
  }
  return { errors, exitCode, started: dispatch(state) };
});

startSupervisors(directory, outcome.started);
if (outcome.errors.length > 0) process.stderr.write(`${outcome.errors.join('\n')}\n`);
process.exit(outcome.exitCode);
