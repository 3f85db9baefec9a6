#!/usr/bin/env node
// Emulated condor_rm: removes every job or cluster id given in one call; ids no longer
// in the queue are reported ("not found", exit 1) while the others are still removed.
import { deleteJob, dispatch, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';
import { inQueue } from './lib/condor-format.mjs';

const directory = stateDirectory();
const ids = process.argv.slice(2).filter((word) => !word.startsWith('-'));
if (ids.length === 0) {
  process.stderr.write('Usage: condor_rm [options] [constraints]\n  where [constraints] is one or more of\n    cluster.proc    Remove the given job\n    cluster         Remove the given cluster of jobs\n');
  process.exit(1);
}

const outcome = withState(directory, (state) => {
  const lines = [];
  const errors = [];
  for (const id of ids) {
    const targets = Object.values(state.jobs).filter((job) => inQueue(job) && (job.id === id || (!id.includes('.') && job.id.startsWith(`${id}.`))));
    if (targets.length === 0) {
      errors.push(id.includes('.') ? `Job ${id} not found` : `Couldn't find/remove all jobs in cluster ${id}`);
      continue;
    }
    for (const target of targets) deleteJob(target);
    lines.push(id.includes('.') ? `Job ${id} marked for removal` : `All jobs in cluster ${id} have been marked for removal`);
  }
  return { lines, errors, started: dispatch(state) };
});

startSupervisors(directory, outcome.started);
if (outcome.lines.length > 0) process.stdout.write(`${outcome.lines.join('\n')}\n`);
if (outcome.errors.length > 0) process.stderr.write(`${outcome.errors.join('\n')}\n`);
process.exit(outcome.errors.length > 0 ? 1 : 0);
