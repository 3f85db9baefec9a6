#!/usr/bin/env node
// Runs one emulated job: the script in its own process group, the walltime limit, a
// delete request (SIGUSR1 from qdel), and the record of how it ended.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
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

const output = openOutput(job.stdoutPath);
const error = openOutput(job.stderrPath);
const child = spawn('bash', [job.scriptPath], {
  detached: true,
  stdio: ['ignore', output, error],
  cwd: job.workingDirectory,
  env: { ...process.env, ...job.environment },
});
closeSync(output);
closeSync(error);

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
