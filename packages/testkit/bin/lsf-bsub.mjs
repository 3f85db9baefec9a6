#!/usr/bin/env node
// Emulated bsub: `bsub [options] < script` (the script on standard input) or
// `bsub [options] script`; `-J "name[1-N]"` submits an array. Records the job(s) and
// starts what the queue limit allows.
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addJob, dispatch, gpuRecord, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';
import { BsubRefusal, jobArray, parseBsub, requestedGpus, runLimitSeconds } from './lib/lsf-submit.mjs';

const directory = stateDirectory();
const readStdin = () => {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
};

const outcome = withState(directory, (state) => {
  if (state.faults.submitFailures > 0) {
    state.faults.submitFailures -= 1;
    return { error: state.faults.submitFailureMessage ?? 'LSF is down. Please wait ...\nbatch system daemon not responding ... still trying', exitCode: 255 };
  }
  try {
    const submission = parseBsub(process.argv.slice(2), readStdin);
    const sequence = state.nextSequence;
    state.nextSequence += 1;
    const jobs = createJobs(state, submission, sequence);
    for (const job of jobs) addJob(state, job);
    const queue = submission.options['-q'];
    return { sequence, queue: queue ?? state.config.defaultQueue, defaultQueue: queue === undefined, started: dispatch(state) };
  } catch (error) {
    if (error instanceof BsubRefusal) return { error: error.message, exitCode: error.exitCode };
    throw error;
  }
});

if (outcome.error) {
  process.stderr.write(`${outcome.error}\n`);
  process.exit(outcome.exitCode);
}
startSupervisors(directory, outcome.started);
process.stdout.write(`Job <${outcome.sequence}> is submitted to ${outcome.defaultQueue ? 'default ' : ''}queue <${outcome.queue}>.\n`);

function createJobs(state, submission, sequence) {
  const { options } = submission;
  const array = jobArray(options['-J'] ?? (submission.script ?? 'STDIN').split('/').pop());
  // LSF spools the job file at submission: later edits of the script do not reach the job.
  const spool = join(directory, 'jobs', String(sequence));
  mkdirSync(spool, { recursive: true });
  const scriptPath = join(spool, 'job-script');
  writeFileSync(scriptPath, submission.text, { mode: 0o600 });
  const base = (index) => {
    const id = index === undefined ? String(sequence) : `${sequence}[${index}]`;
    const jobDirectory = join(directory, 'jobs', id);
    const output = (path, fallback) => outputPath(path, sequence, index ?? 0, jobDirectory, fallback);
    const stdoutPath = output(options['-o'] ?? options['-oo'], `${id}.out`);
    return {
      id,
      order: sequence * 100_000 + (index ?? 0),
      name: array.name,
      queue: options['-q'] ?? state.config.defaultQueue,
      account: options['-P'],
      resources: { ...(options['-n'] ? { n: options['-n'] } : {}), ...(options['-M'] ? { M: options['-M'] } : {}), ...(options['-R'] ? { R: options['-R'] } : {}) },
      ...gpuRecord(requestedGpus(options)),
      held: options['-H'] === true,
      walltimeSeconds: options['-W'] === undefined ? undefined : runLimitSeconds(options['-W']),
      scriptPath,
      workingDirectory: jobDirectory,
      stdoutPath,
      stderrPath: options['-e'] ?? options['-eo'] ? output(options['-e'] ?? options['-eo'], `${id}.err`) : stdoutPath,
      environment: {
        LSB_JOBID: String(sequence),
        LSB_JOBINDEX: String(index ?? 0),
        LSB_JOBNAME: index === undefined ? array.name : `${array.name}[${index}]`,
        LSB_QUEUE: options['-q'] ?? state.config.defaultQueue,
        LSB_DJOB_NUMPROC: (options['-n'] ?? '1').split(',').pop(),
        LS_SUBCWD: process.cwd(),
        ...(array.indices ? { LSB_JOBINDEX_END: String(Math.max(...array.indices)) } : {}),
      },
      submitArguments: process.argv.slice(2).join(' '),
      ...(index === undefined ? {} : { arrayIndex: index, parentId: String(sequence) }),
    };
  };
  if (!array.indices) return [base(undefined)];
  const parent = { ...base(undefined), isArrayParent: true, arrayRange: options['-J'], state: 'queued' };
  return [parent, ...array.indices.map((index) => base(index))];
}

// %J is the job id and %I the array index; a directory gets `<id>.out`, as LSF does.
function outputPath(requested, sequence, index, jobDirectory, fileName) {
  if (requested === undefined) return join(jobDirectory, fileName);
  const path = requested.replaceAll('%J', String(sequence)).replaceAll('%I', String(index));
  if (path.endsWith('/') || (existsSync(path) && statSync(path).isDirectory())) return join(path, fileName);
  return resolve(path);
}
