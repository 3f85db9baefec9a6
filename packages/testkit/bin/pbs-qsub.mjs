#!/usr/bin/env node
// Emulated qsub (PBS Pro `-J`, Torque `-t`): records the job(s) and starts what the queue limit allows.
import { resolve, join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { addJob, dispatch, gpuRecord, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';
import { SubmitRefusal, arrayIndices, parseSubmission, requestedGpus, walltimeSeconds } from './lib/pbs-submit.mjs';

const directory = stateDirectory();

const outcome = withState(directory, (state) => {
  const { flavor, server } = state.config;
  if (state.faults.submitFailures > 0) {
    state.faults.submitFailures -= 1;
    return { error: state.faults.submitFailureMessage ?? `Connection refused\nqsub: cannot connect to server ${server} (errno=15010)`, exitCode: 1 };
  }
  try {
    const submission = parseSubmission(process.argv.slice(2), flavor);
    const sequence = state.nextSequence;
    state.nextSequence += 1;
    const range = submission.options[flavor === 'pbspro' ? '-J' : '-t'];
    const jobs = range === undefined ? [createJob(state, submission, sequence)] : createArray(state, submission, sequence, range);
    for (const job of jobs) addJob(state, job);
    return { id: jobs[0].id, started: dispatch(state) };
  } catch (error) {
    if (error instanceof SubmitRefusal) return { error: error.message, exitCode: error.exitCode };
    throw error;
  }
});

if (outcome.error) {
  process.stderr.write(`${outcome.error}\n`);
  process.exit(outcome.exitCode);
}
startSupervisors(directory, outcome.started);
process.stdout.write(`${outcome.id}\n`);

function createJob(state, submission, sequence, array) {
  const { flavor, server } = state.config;
  const { options, resources } = submission;
  const name = options['-N'] ?? basename(submission.script);
  const id = array ? `${sequence}[${array.index}].${server}` : `${sequence}.${server}`;
  const suffix = array ? `${sequence}.${array.index}` : `${sequence}`;
  const jobDirectory = join(directory, 'jobs', id);
  const environment = {
    PBS_JOBID: id,
    PBS_JOBNAME: name,
    PBS_QUEUE: options['-q'] ?? state.config.defaultQueue,
    PBS_O_WORKDIR: process.cwd(),
    PBS_ENVIRONMENT: 'PBS_BATCH',
  };
  if (array) environment[flavor === 'pbspro' ? 'PBS_ARRAY_INDEX' : 'PBS_ARRAYID'] = String(array.index);
  if (array) environment[flavor === 'pbspro' ? 'PBS_ARRAY_ID' : 'PBS_JOBID_ARRAY'] = array.parentId;
  return {
    id,
    order: sequence * 100_000 + (array?.index ?? 0),
    name,
    queue: options['-q'] ?? state.config.defaultQueue,
    account: options['-A'],
    resources,
    ...gpuRecord(requestedGpus(resources, flavor)),
    held: options['-h'] === true,
    walltimeSeconds: resources.walltime === undefined ? undefined : walltimeSeconds(resources.walltime),
    scriptPath: resolve(submission.script),
    workingDirectory: jobDirectory,
    stdoutPath: outputPath(options['-o'], jobDirectory, `${name}.o${suffix}`),
    stderrPath: outputPath(options['-e'], jobDirectory, `${name}.e${suffix}`),
    environment,
    submitArguments: process.argv.slice(2).join(' '),
    ...(array ? { arrayIndex: array.index, parentId: array.parentId } : {}),
  };
}

function createArray(state, submission, sequence, range) {
  const parentId = `${sequence}[].${state.config.server}`;
  const children = arrayIndices(range).map((index) => createJob(state, submission, sequence, { index, parentId }));
  const parent = { ...createJob(state, submission, sequence), id: parentId, isArrayParent: true, arrayRange: range, state: 'queued' };
  return [parent, ...children];
}

// A path ending in "/" or naming a directory gets the default file name, as PBS does.
function outputPath(requested, jobDirectory, fileName) {
  if (requested === undefined) return join(jobDirectory, fileName);
  const path = requested.includes(':') ? requested.slice(requested.indexOf(':') + 1) : requested;
  if (path.endsWith('/') || (existsSync(path) && statSync(path).isDirectory())) return join(path, fileName);
  return resolve(path);
}

function basename(path) {
  return path.split('/').pop() ?? 'STDIN';
}
