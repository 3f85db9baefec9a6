#!/usr/bin/env node
// Emulated bkill: terminates every id given in one call (an array id terminates all its
// elements); unknown and finished ids are reported while the others are still killed.
import { deleteJob, dispatch, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';

const directory = stateDirectory();
const ids = process.argv.slice(2).filter((word) => !word.startsWith('-'));
if (ids.length === 0) {
  process.stderr.write('Usage: bkill [-l] [-app application_profile_name] [-g job_group_name] [-sla service_class_name] [-r | -s signal_value | signal_name | -d] [job_ID ... | 0 | "job_ID[index]" ...]\n');
  process.exit(255);
}

const outcome = withState(directory, (state) => {
  const lines = [];
  const errors = [];
  for (const id of ids) {
    const job = state.jobs[id];
    if (!job) {
      errors.push(`Job <${id}>: No matching job found`);
      continue;
    }
    const targets = job.isArrayParent ? Object.values(state.jobs).filter((child) => child.parentId === id) : [job];
    if (targets.every((target) => target.state === 'finished')) {
      errors.push(`Job <${id}>: Job has already finished`);
      continue;
    }
    for (const target of targets) deleteJob(target);
    if (job.isArrayParent) deleteJob(job);
    lines.push(`Job <${id}> is being terminated`);
  }
  return { lines, errors, started: dispatch(state) };
});

startSupervisors(directory, outcome.started);
if (outcome.lines.length > 0) process.stdout.write(`${outcome.lines.join('\n')}\n`);
if (outcome.errors.length > 0) process.stderr.write(`${outcome.errors.join('\n')}\n`);
process.exit(outcome.errors.length > 0 ? 255 : 0);
