#!/usr/bin/env node
// Runs one emulated job: the script (or the job's own argv) in its own process group, the
// walltime limit, a delete request (SIGUSR1 from qdel), and the record of how it ended.
// A job that cannot start (its executable gone or not runnable) is held, as HTCondor holds it.
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { dispatch, startSupervisors } from './lib/emulator-jobs.mjs';
import { withState } from './lib/emulator-state.mjs';

const [directory, id] = process.argv.slice(2);
const killGraceMilliseconds = 1000;

const job = withState(directory, (state) => {
  const record = state.jobs[id];
  if (!record || record.state !== 'running') return undefined;
  if (state.closed) {
    Object.assign(record, { state: 'finished', endReason: 'deleted', endedAt: Date.now() });
    return undefined;
  }
  record.supervisorPid = process.pid;
  return structuredClone(record);
});
if (!job) process.exit(0);

if (job.transferExecutable) transferExecutable(job.transferExecutable);
const [program, ...programArguments] = job.argv ?? ['bash', job.scriptPath];
const output = openOutput(job.stdoutPath);
const error = openOutput(job.stderrPath);
const notStarted = (spawnError) => hold(6, `Error from slot1@emulator: Failed to execute '${program}': (errno=${errnoOf(spawnError)}: '${describe(spawnError)}')`);
let child;
try {
  child = spawn(program, programArguments, {
    detached: true,
    stdio: ['ignore', output, error],
    cwd: job.workingDirectory,
    env: { ...process.env, ...job.environment },
  });
} catch (spawnError) {
  notStarted(spawnError);
}
closeSync(output);
closeSync(error);
child.on('error', notStarted);

let killReason;
const kill = (reason) => {
  killReason ??= reason;
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), killGraceMilliseconds).unref();
};
process.on('SIGUSR1', () => kill('deleted'));
const deleteRequested = withState(directory, (state) => {
  const record = state.jobs[id];
  if (record) record.pid = child.pid;
  return record?.deleteRequested === true;
});
if (deleteRequested) kill('deleted');
const walltimeTimer = job.walltimeSeconds ? setTimeout(() => kill('walltime'), job.walltimeSeconds * 1000) : undefined;

child.on('exit', (code, signalName) => {
  if (walltimeTimer) clearTimeout(walltimeTimer);
  // A batch system ends every process of the job, not only the script.
  signalGroup('SIGKILL');
  const started = withState(directory, (state) => {
    const record = state.jobs[id];
    if (!record) return [];
    record.state = 'finished';
    record.endedAt = Date.now();
    record.endReason = record.deleteRequested ? 'deleted' : (killReason ?? 'exited');
    if (code !== null) record.exitCode = code;
    if (signalName) record.signal = signalName;
    return dispatch(state);
  });
  startSupervisors(directory, started);
  process.exit(0);
});

// HTCondor's file transfer: the executable is read when the job starts, copied into its
// directory and made runnable there; a file gone by then holds the job.
function transferExecutable({ from, to }) {
  try {
    copyFileSync(from, to);
    chmodSync(to, 0o755);
  } catch (copyError) {
    hold(13, `Error from slot1@emulator: SHADOW failed to send file(s) to <127.0.0.1:9618>: error reading from ${from}: (errno ${errnoOf(copyError)}) ${describe(copyError)}; STARTER failed to receive file(s) from <127.0.0.1:9618>`);
  }
}

/** Puts the job on hold with HTCondor's reason code and text, starts what may start instead, and exits. */
function hold(code, reason) {
  const started = withState(directory, (state) => {
    const record = state.jobs[id];
    if (!record || record.state === 'finished') return [];
    if (record.deleteRequested) Object.assign(record, { state: 'finished', endReason: 'deleted', endedAt: Date.now() });
    else Object.assign(record, { state: 'held', holdReasonCode: code, holdReason: reason });
    delete record.startedAt;
    delete record.pid;
    return dispatch(state);
  });
  startSupervisors(directory, started);
  process.exit(0);
}

function errnoOf(failure) {
  return constants.errno[failure.code] ?? 0;
}

function describe(failure) {
  return { ENOENT: 'No such file or directory', EACCES: 'Permission denied', ENOEXEC: 'Exec format error' }[failure.code] ?? failure.code;
}

function signalGroup(name) {
  try {
    process.kill(-child.pid, name);
  } catch {
    // the group is gone
  }
}

function openOutput(path) {
  mkdirSync(dirname(path), { recursive: true });
  return openSync(path, 'a', 0o600);
}
