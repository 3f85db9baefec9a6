#!/usr/bin/env node
// Emulated msub: reads `#PBS` directives (Moab on Torque), records the job, starts what the
// queue limit allows, and prints the id after an empty line, as msub does; `--xml` prints
// `<Data><job JobID="…"/></Data>` instead.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addJob, dispatch, gpuRecord, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';
import { SubmitRefusal, parseSubmission, requestedGpus, walltimeSeconds } from './lib/pbs-submit.mjs';

const directory = stateDirectory();
const argv = process.argv.slice(2);
const xml = argv.includes('--xml');

const outcome = withState(directory, (state) => {
  const { server } = state.config;
  if (state.faults.submitFailures > 0) {
    state.faults.submitFailures -= 1;
    return { error: state.faults.submitFailureMessage ?? `ERROR:    cannot connect to Moab server '${server}' (port 42559)`, exitCode: 1 };
  }
  try {
    const submission = parseSubmission(argv.filter((word) => word !== '--xml'), 'torque');
    if (submission.options['-t'] !== undefined) throw new SubmitRefusal('msub: job arrays (-t) are not emulated');
    const sequence = state.nextSequence;
    state.nextSequence += 1;
    addJob(state, createJob(state, submission, sequence));
    return { id: String(sequence), started: dispatch(state) };
  } catch (error) {
    if (error instanceof SubmitRefusal) return { error: error.message.replace(/^qsub:/, 'msub:'), exitCode: error.exitCode };
    throw error;
  }
});

if (outcome.error) {
  process.stderr.write(`${outcome.error}\n`);
  process.exit(outcome.exitCode);
}
startSupervisors(directory, outcome.started);
process.stdout.write(xml ? `<Data><job JobID="${outcome.id}"/></Data>\n` : `\n${outcome.id}\n`);

function createJob(state, submission, sequence) {
  const { options, resources } = submission;
  const id = String(sequence);
  const name = options['-N'] ?? submission.script.split('/').pop();
  const queue = options['-q'] ?? state.config.defaultQueue;
  const jobDirectory = join(directory, 'jobs', id);
  return {
    id,
    order: sequence,
    name,
    queue,
    account: options['-A'],
    resources,
    ...gpuRecord(requestedGpus(resources, 'torque')),
    held: options['-h'] === true,
    walltimeSeconds: resources.walltime === undefined ? undefined : walltimeSeconds(resources.walltime),
    scriptPath: resolve(submission.script),
    workingDirectory: jobDirectory,
    stdoutPath: outputPath(options['-o'], jobDirectory, `${name}.o${id}`),
    stderrPath: outputPath(options['-e'], jobDirectory, `${name}.e${id}`),
    // Moab passes Torque's variables through and adds its own.
    environment: {
      PBS_JOBID: `${id}.${state.config.server}`,
      PBS_JOBNAME: name,
      PBS_QUEUE: queue,
      PBS_O_WORKDIR: process.cwd(),
      PBS_ENVIRONMENT: 'PBS_BATCH',
      MOAB_JOBID: id,
      MOAB_JOBNAME: name,
      MOAB_CLASS: queue,
    },
    submitArguments: argv.join(' '),
  };
}

// A path ending in "/" or naming a directory gets the default file name, as Torque does.
function outputPath(requested, jobDirectory, fileName) {
  if (requested === undefined) return join(jobDirectory, fileName);
  const path = requested.includes(':') ? requested.slice(requested.indexOf(':') + 1) : requested;
  if (path.endsWith('/') || (existsSync(path) && statSync(path).isDirectory())) return join(path, fileName);
  return resolve(path);
}
