// System-independent job lifecycle of the emulators: queue limits, starting jobs as
// detached supervisor processes, deleting and vanishing them. Each emulated system
// (PBS today; LSF, Moab, HTCondor next) only parses its own CLI and prints its own formats.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withState } from './emulator-state.mjs';

const supervisorPath = fileURLToPath(new URL('../job-supervisor.mjs', import.meta.url));

/** Adds a job record in state `queued` (or `held`) and returns it. */
export function addJob(state, job) {
  const record = {
    state: job.held ? 'held' : 'queued',
    submittedAt: Date.now(),
    ...job,
  };
  delete record.held;
  state.jobs[record.id] = record;
  return record;
}

/**
 * Marks queued jobs running while the queue limit allows, in submission order, and
 * returns their ids; call {@link startSupervisors} with them once the state is saved.
 */
export function dispatch(state) {
  if (state.closed) return [];
  const limit = state.config.maxRunning ?? Number.POSITIVE_INFINITY;
  const jobs = Object.values(state.jobs).filter((job) => !job.isArrayParent);
  let running = jobs.filter((job) => job.state === 'running' || job.state === 'exiting').length;
  const started = [];
  for (const job of jobs.sort((left, right) => left.order - right.order)) {
    if (running >= limit) break;
    if (job.state !== 'queued') continue;
    job.state = 'running';
    job.startedAt = Date.now();
    running += 1;
    started.push(job.id);
  }
  return started;
}

/** Starts one detached supervisor per job id; it runs the job script and records how it ended. */
export function startSupervisors(directory, ids) {
  for (const id of ids) {
    const child = spawn(process.execPath, [supervisorPath, directory, id], { detached: true, stdio: 'ignore' });
    child.unref();
  }
}

/** Runs dispatch under the lock and starts what it picked. */
export function dispatchAndStart(directory) {
  startSupervisors(directory, withState(directory, dispatch));
}

/** Asks a running job's supervisor to kill it (SIGTERM, then SIGKILL), or finishes a waiting one. */
export function deleteJob(job) {
  if (job.state === 'queued' || job.state === 'held') {
    job.state = 'finished';
    job.endReason = 'deleted';
    job.endedAt = Date.now();
    return;
  }
  if (job.state !== 'running') return;
  job.deleteRequested = true;
  job.state = 'exiting';
  signal(job.supervisorPid, 'SIGUSR1');
}

/** Removes a job without a trace, killing its processes: what a crashed server or purged record looks like. */
export function vanishJob(state, id) {
  const job = state.jobs[id];
  if (!job) return false;
  killJobProcesses(job);
  delete state.jobs[id];
  return true;
}

/** Kills a job's process group and its supervisor at once. */
export function killJobProcesses(job) {
  if (job.pid) signal(-job.pid, 'SIGKILL');
  if (job.supervisorPid) signal(job.supervisorPid, 'SIGKILL');
}

function signal(pid, name) {
  if (!pid) return;
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** The record field of a job that asked for `gpus` (none: no field). The emulator has no devices to assign. */
export function gpuRecord(gpus) {
  return gpus === undefined ? {} : { gpus };
}
