#!/usr/bin/env node
// Emulated condor_submit: reads a submit description (a file, or `-` for standard input),
// queues `queue N` jobs `<cluster>.0 … <cluster>.(N-1)`, and prints what the real one
// prints (`-terse`: `<cluster>.0 - <cluster>.<N-1>`). Each job runs its `Executable`
// with the argv its `Arguments` split into, as HTCondor does.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { addJob, dispatch, gpuRecord, startSupervisors } from './lib/emulator-jobs.mjs';
import { stateDirectory, withState } from './lib/emulator-state.mjs';
import { argumentsAttribute, parseCondorArguments } from './lib/condor-arguments.mjs';
import { SubmitDescriptionError, expand, parseDescription } from './lib/condor-description.mjs';

const directory = stateDirectory();
const { file, terse, variables, appended, queue, usage } = parseCommandLine(process.argv.slice(2));
if (usage) fail(usage);

const outcome = withState(directory, (state) => {
  if (state.faults.submitFailures > 0) {
    state.faults.submitFailures -= 1;
    return { error: state.faults.submitFailureMessage ?? 'ERROR: Failed to connect to local queue manager\nCEDAR:6001:Failed to connect to <127.0.0.1:9618>' };
  }
  try {
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    const queues = parseDescription(text, { variables, appended, queue });
    const cluster = state.nextSequence;
    state.nextSequence += 1;
    let procId = 0;
    const jobs = [];
    for (const statement of queues) {
      for (let copy = 0; copy < statement.count; copy += 1) jobs.push(createJob(state, statement.commands, cluster, procId++));
    }
    for (const job of jobs) addJob(state, job);
    return { cluster, count: jobs.length, started: dispatch(state) };
  } catch (error) {
    if (error instanceof SubmitDescriptionError) return { error: error.message };
    if (error.code === 'ENOENT') return { error: `ERROR: Can't open "${file}"  with flags 00 (No such file or directory)` };
    throw error;
  }
});

if (outcome.error) fail(outcome.error);
startSupervisors(directory, outcome.started);
if (terse) process.stdout.write(`${outcome.cluster}.0 - ${outcome.cluster}.${outcome.count - 1}\n`);
else process.stdout.write(`Submitting job(s)${'.'.repeat(outcome.count)}\n${outcome.count} job(s) submitted to cluster ${outcome.cluster}.\n`);

function createJob(state, commands, cluster, procId) {
  const id = `${cluster}.${procId}`;
  const builtins = {
    clusterid: String(cluster),
    cluster: String(cluster),
    procid: String(procId),
    process: String(procId),
    dollar: '$',
    submit_file: file === '-' ? '' : file,
  };
  const value = (key) => {
    const command = commands.get(key.toLowerCase());
    return command === undefined ? undefined : expand(command.value, commands, builtins);
  };
  const executable = value('executable');
  if (!executable) throw new SubmitDescriptionError('ERROR: No \'executable\' parameter was provided');
  // condor_submit records the full path as the job's Cmd, and reads the file only when the job starts.
  const command = resolve(executable);
  const size = fileSize(command);
  if (size === undefined) throw new SubmitDescriptionError(`ERROR: Executable file ${executable} does not exist`);
  if (size === 0) throw new SubmitDescriptionError(`ERROR: Executable file ${executable} has zero length`);
  const argumentsText = value('arguments') ?? '';
  const words = parseCondorArguments(argumentsText);
  const jobDirectory = join(directory, 'jobs', id);
  mkdirSync(jobDirectory, { recursive: true });
  // By default the executable is transferred into the job's directory as condor_exec.exe.
  const transfer = !/^false$/i.test(value('transfer_executable') ?? 'true');
  const sandboxExecutable = join(jobDirectory, 'condor_exec.exe');
  const periodicRemove = value('periodic_remove');
  const hold = /^true$/i.test(value('hold') ?? '');
  return {
    id,
    order: cluster * 100_000 + procId,
    name: value('batch_name') ?? `ID: ${cluster}`,
    queue: '',
    resources: Object.fromEntries(['RequestCpus', 'RequestMemory', 'RequestDisk'].map((key) => [key, value(key) ?? ''])),
    ...gpuRecord(requestedGpus(value('request_gpus'))),
    held: hold,
    walltimeSeconds: periodicRemove === undefined ? undefined : walltimeOf(periodicRemove, value),
    periodicRemove,
    executable: command,
    argumentsAttribute: argumentsAttribute(argumentsText),
    argv: [transfer ? sandboxExecutable : command, ...words],
    ...(transfer ? { transferExecutable: { from: command, to: sandboxExecutable } } : {}),
    workingDirectory: jobDirectory,
    stdoutPath: outputPath(value('output'), join(jobDirectory, '_condor_stdout')),
    stderrPath: outputPath(value('error'), join(jobDirectory, '_condor_stderr')),
    environment: { _CONDOR_SCRATCH_DIR: jobDirectory, _CONDOR_SLOT: 'slot1', _CONDOR_JOB_IWD: process.cwd() },
    submitArguments: process.argv.slice(2).join(' '),
  };
}

// request_gpus is a whole number ≥ 1 here (HTCondor also takes expressions, not emulated).
function requestedGpus(request) {
  if (request === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(request.trim())) throw new SubmitDescriptionError(`ERROR: request_gpus = ${request}: only a whole number of GPUs ≥ 1 is emulated`);
  return Number(request.trim());
}

// The only removal expression the emulator evaluates is a run-time limit:
// `… time() - EnteredCurrentStatus > <seconds or MY.Attribute>` while running.
function walltimeOf(expression, value) {
  const match = /time\(\)\s*-\s*EnteredCurrentStatus\)?\s*>\s*([A-Za-z_.]+|\d+)/.exec(expression);
  if (!match) return undefined;
  const limit = /^\d+$/.test(match[1]) ? match[1] : value(match[1].replace(/^MY\./i, 'MY.'));
  return limit !== undefined && /^\d+$/.test(limit) ? Number(limit) : undefined;
}

function outputPath(requested, fallback) {
  if (requested === undefined || requested === '') return fallback;
  const path = resolve(requested);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

function fileSize(path) {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function parseCommandLine(argv) {
  let file;
  let terse = false;
  const variables = [];
  const appended = [];
  let queue;
  for (let position = 0; position < argv.length; position += 1) {
    const word = argv[position];
    if (word === '-terse') terse = true;
    else if (word === '-verbose' || word === '-spool' || word === '-disable') continue;
    else if (word === '-append' || word === '-a') appended.push(argv[++position] ?? '');
    else if (word === '-batch-name') appended.push(`batch_name = ${argv[++position] ?? ''}`);
    else if (word === '-name' || word === '-pool') position += 1;
    else if (word === '-queue') queue = argv[++position] ?? '';
    else if (/^[A-Za-z_+][A-Za-z0-9_.+]*=/.test(word)) variables.push(word);
    else if (word.startsWith('-') && word !== '-') return { variables, appended, usage: `condor_submit: unknown option ${word}` };
    else if (file === undefined) file = word;
    else return { variables, appended, usage: `condor_submit: only one submit description file may be given, got ${word}` };
  }
  return { file: file ?? '-', terse, variables, appended, queue };
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
