#!/usr/bin/env node
// The @jq/local "batch system": jobs are local processes. Core runs this file's
// subcommands the way it runs sbatch/squeue/scancel elsewhere:
//   submit <state-dir> <script> <stdout> <stderr>  → prints the job id
//   status <state-dir> <id>...                     → one JSON line per job still known
//   cancel <state-dir> <id>...                     → SIGTERM to each job (SIGKILL after a grace)
// A job id is the pid of a small supervisor that runs the script in its own
// process group, forwards cancellation to that group and records the exit status.
// With JQ_LOCAL_SLOTS=N at most N jobs run at once; the others wait queued, as in
// a batch system whose nodes are full.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const killAfterMs = Number(process.env.JQ_LOCAL_KILL_AFTER_MS ?? 10_000);
const slots = Number(process.env.JQ_LOCAL_SLOTS ?? 0);
const [command, stateDirectory, ...rest] = process.argv.slice(2);

if (!stateDirectory) fail('usage: jq-local submit|status|cancel|supervise <state-dir> ...');
if (command === 'submit') submit(...rest);
else if (command === 'supervise') supervise(...rest);
else if (command === 'status') status(rest);
else if (command === 'cancel') cancel(rest);
else fail(`unknown command ${command}`);

function submit(script, stdout, stderr) {
  if (!script || !stdout || !stderr) fail('usage: jq-local submit <state-dir> <script> <stdout> <stderr>');
  if (!existsSync(script)) fail(`script not found: ${script}`);
  mkdirSync(stateDirectory, { recursive: true, mode: 0o700 });
  const supervisor = spawn(process.execPath, [fileURLToPath(import.meta.url), 'supervise', stateDirectory, script, stdout, stderr], {
    detached: true,
    stdio: 'ignore',
  });
  supervisor.unref();
  writeJson(recordPath(supervisor.pid), { id: String(supervisor.pid), script, startTime: startTimeOf(supervisor.pid) });
  // Like a batch system, answer only once the job exists: its script is running or it has already ended.
  const deadline = Date.now() + 10_000;
  const settled = () => [groupPath, exitPath, queuedPath].some((path) => existsSync(path(supervisor.pid)));
  while (!settled() && Date.now() < deadline) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  process.stdout.write(`${supervisor.pid}\n`);
}

async function supervise(script, stdout, stderr) {
  // One handler for the supervisor's whole life: a signal that arrives while the job
  // waits for a slot, or between claiming it and starting, must not be lost.
  let cancelled = false;
  let job;
  const onSignal = () => {
    cancelled = true;
    if (!job) return;
    signalGroup(job.pid, 'SIGTERM');
    setTimeout(() => signalGroup(job.pid, 'SIGKILL'), killAfterMs).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, onSignal);
  const slot = await claimSlot(() => cancelled);
  if (cancelled) {
    releaseSlot(slot);
    // Cancelled before it started: it never exited, so it has no exit status.
    writeJson(exitPath(process.pid), { exitCode: null, signal: 'SIGTERM', cancelled: true });
    process.exit(0);
  }
  const [interpreter, ...interpreterArgs] = shebangOf(script);
  const out = openSync(stdout, 'a');
  const err = openSync(stderr, 'a');
  job = spawn(interpreter, [...interpreterArgs, script], {
    detached: true,
    stdio: ['ignore', out, err],
    env: { ...process.env, JQ_LOCAL_JOB_ID: String(process.pid) },
  });
  closeSync(out);
  closeSync(err);
  writeJson(groupPath(process.pid), { group: job.pid, slot });
  job.on('error', (error) => {
    writeJson(exitPath(process.pid), { exitCode: 127, signal: null, cancelled, error: error.message });
    releaseSlot(slot);
    process.exit(0);
  });
  job.on('exit', (code, signal) => {
    // Workers the script left behind in its group go with it.
    signalGroup(job.pid, 'SIGKILL');
    // Exit status and signal as Node reports them: a job killed by a signal has no exit status.
    writeJson(exitPath(process.pid), { exitCode: code, signal, cancelled });
    releaseSlot(slot);
    process.exit(0);
  });
}

/** Waits for one of JQ_LOCAL_SLOTS slots (a directory claimed with an atomic mkdir); null when unlimited. */
async function claimSlot(cancelled) {
  if (!(slots > 0)) return null;
  mkdirSync(join(stateDirectory, 'slots'), { recursive: true });
  for (let announced = false; !cancelled(); ) {
    for (let slot = 0; slot < slots; slot += 1) {
      try {
        mkdirSync(slotPath(slot));
        return slot;
      } catch {
        // Taken; try the next one.
      }
    }
    if (!announced) writeJson(queuedPath(process.pid), { reason: `all ${slots} slots busy` });
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

function releaseSlot(slot) {
  if (slot === null || slot === undefined) return;
  try {
    rmdirSync(slotPath(slot));
  } catch {
    // Already released.
  }
}

function status(ids) {
  for (const id of ids) {
    const record = readJson(recordPath(id));
    if (!record) continue;
    const exit = readJson(exitPath(id));
    if (exit) {
      process.stdout.write(`${JSON.stringify({ id, state: 'exited', ...exit })}\n`);
    } else if (alive(id, record.startTime)) {
      const started = existsSync(groupPath(id));
      const queued = readJson(queuedPath(id));
      process.stdout.write(`${JSON.stringify({ id, state: started ? 'running' : 'queued', ...(started || !queued ? {} : { reason: queued.reason }) })}\n`);
    } else {
      // The supervisor was killed outright: stop what it left behind; the job stays unaccounted for.
      const orphan = readJson(groupPath(id));
      if (orphan) {
        signalGroup(orphan.group, 'SIGKILL');
        releaseSlot(orphan.slot);
      }
    }
  }
}

function cancel(ids) {
  const signalled = [];
  for (const id of ids) {
    const record = readJson(recordPath(id));
    if (!record) {
      process.stderr.write(`jq-local: unknown job ${id}\n`);
      continue;
    }
    if (!readJson(exitPath(id)) && alive(id, record.startTime)) {
      process.kill(Number(id), 'SIGTERM');
      signalled.push(record);
    }
  }
  // Return once the jobs are gone (their supervisors escalate to SIGKILL), so that
  // a cancelled job never outlives the cancel command.
  const deadline = Date.now() + killAfterMs + 5_000;
  const running = () => signalled.filter((record) => !existsSync(exitPath(record.id)) && alive(record.id, record.startTime));
  while (running().length > 0 && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
}

function shebangOf(script) {
  const firstLine = readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
  if (!firstLine.startsWith('#!')) return ['/bin/sh'];
  return firstLine.slice(2).trim().split(/\s+/);
}

function alive(id, startTime) {
  const fields = statFields(Number(id));
  // A killed supervisor may linger as a zombie until its new parent reaps it.
  if (!fields || fields[0] === 'Z') return false;
  return startTime === undefined || fields[19] === startTime;
}

/** Start time from /proc, so a recycled pid is not mistaken for the job. */
function startTimeOf(pid) {
  return statFields(pid)?.[19];
}

/** Fields of /proc/<pid>/stat after the command name: state first. */
function statFields(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

function recordPath(id) {
  return join(stateDirectory, `${id}.json`);
}

function slotPath(slot) {
  return join(stateDirectory, 'slots', String(slot));
}

function queuedPath(id) {
  return join(stateDirectory, `${id}.queued.json`);
}

function groupPath(id) {
  return join(stateDirectory, `${id}.group.json`);
}

function exitPath(id) {
  return join(stateDirectory, `${id}.exit.json`);
}

function writeJson(path, value) {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(value), { mode: 0o600 });
  renameSync(temporary, path);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function fail(message) {
  process.stderr.write(`jq-local: ${message}\n`);
  process.exit(2);
}
