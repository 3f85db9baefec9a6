// How HTCondor prints a job, from an emulator record: its ClassAd attributes, the
// `-af[:jr]` autoformat lines and `-l` ads of condor_q/condor_history, and the `-nobatch` table.
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { joinCondorArguments } from './condor-arguments.mjs';

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGTERM: 15 };

/** JobStatus: 1 idle, 2 running, 3 removed, 4 completed, 5 held. */
export function jobStatus(job) {
  switch (job.state) {
    case 'queued':
      return 1;
    case 'held':
      return 5;
    case 'running':
      return 2;
    case 'exiting':
      return job.deleteRequested ? 3 : 2;
    default:
      return job.endReason === 'exited' ? 4 : 3;
  }
}

/** Whether condor_q still shows the job; finished jobs move to the history. */
export function inQueue(job) {
  return job.state !== 'finished';
}

/** The job's ClassAd attributes the emulator knows; others are `undefined`. */
export function attributesOf(job) {
  const [clusterId, procId] = job.id.split('.').map(Number);
  const status = jobStatus(job);
  const ended = job.state === 'finished' && job.endReason === 'exited';
  const attributes = {
    ClusterId: clusterId,
    ProcId: procId,
    GlobalJobId: `emulator#${job.id}#${Math.floor(job.submittedAt / 1000)}`,
    JobStatus: status,
    Owner: userInfo().username,
    JobBatchName: job.name,
    Cmd: job.executable,
    ...job.argumentsAttribute,
    Iwd: job.workingDirectory,
    Out: job.stdoutPath,
    Err: job.stderrPath,
    QDate: Math.floor(job.submittedAt / 1000),
    EnteredCurrentStatus: Math.floor((job.endedAt ?? job.startedAt ?? job.submittedAt) / 1000),
    RequestCpus: job.resources.RequestCpus,
    RequestMemory: job.resources.RequestMemory,
    RequestDisk: job.resources.RequestDisk,
  };
  if (job.startedAt) attributes.JobStartDate = Math.floor(job.startedAt / 1000);
  if (ended) {
    attributes.ExitBySignal = Boolean(job.signal);
    if (job.signal) attributes.ExitSignal = signalNumbers[job.signal] ?? 15;
    else attributes.ExitCode = job.exitCode;
    attributes.CompletionDate = Math.floor(job.endedAt / 1000);
  }
  if (status === 5) Object.assign(attributes, { HoldReasonCode: job.holdReasonCode ?? 15, HoldReason: job.holdReason ?? 'submitted on hold at user\'s request' });
  if (status === 3) {
    attributes.RemoveReason = job.endReason === 'walltime'
      ? `The job attribute PeriodicRemove expression '${job.periodicRemove}' evaluated to TRUE`
      : `via condor_rm (by user ${userInfo().username})`;
  }
  return attributes;
}

/** One `-af` line: values separated by a space, strings quoted with `r`, the id first with `j`. */
export function autoformatLine(job, attributeNames, modifiers) {
  const attributes = attributesOf(job);
  const values = attributeNames.map((name) => {
    const key = Object.keys(attributes).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : attributes[key];
    if (value === undefined) return 'undefined';
    if (typeof value === 'string' && modifiers.includes('r')) return JSON.stringify(value);
    return String(value);
  });
  return [...(modifiers.includes('j') ? [job.id] : []), ...values].join(' ');
}

// Requests hold the description's expressions, not strings; one it did not set is left out.
const expressionAttributes = new Set(['RequestCpus', 'RequestMemory', 'RequestDisk']);

/**
 * One job as `-l` prints it: `Name = value` lines sorted by name (case ignored), strings
 * quoted the old-ClassAd way (only `"` escaped, as `\"`), then a blank line.
 */
export function longAd(job) {
  const attributes = attributesOf(job);
  const key = (name) => name.toLowerCase();
  const names = Object.keys(attributes)
    .filter((name) => !(expressionAttributes.has(name) && attributes[name] === ''))
    .sort((left, right) => (key(left) < key(right) ? -1 : key(left) > key(right) ? 1 : 0));
  const value = (name) => {
    const raw = attributes[name];
    return typeof raw === 'string' && !expressionAttributes.has(name) ? `"${raw.replaceAll('"', '\\"')}"` : String(raw);
  };
  return `${names.map((name) => `${name} = ${value(name)}`).join('\n')}\n\n`;
}

const letters = { 1: 'I', 2: 'R', 3: 'X', 4: 'C', 5: 'H' };

/** `condor_q -nobatch`: the submitter line, the header, one row per job and the totals. */
export function noBatchTable(jobs, schedd) {
  const rows = jobs.map((job) => {
    const seconds = job.startedAt ? Math.floor(((job.endedAt ?? Date.now()) - job.startedAt) / 1000) : 0;
    const runTime = `${Math.floor(seconds / 86400)}+${new Date(seconds * 1000).toISOString().slice(11, 19)}`;
    const submitted = new Date(job.submittedAt);
    const date = `${submitted.getMonth() + 1}/${submitted.getDate()} ${submitted.toTimeString().slice(0, 5)}`;
    return `${job.id.padStart(6)}   ${userInfo().username.padEnd(16)} ${date.padStart(11)}   ${runTime} ${letters[jobStatus(job)]}  0   0.0  ${commandColumn(job)}`;
  });
  const count = (status) => jobs.filter((job) => jobStatus(job) === status).length;
  return [
    '',
    '',
    `-- Schedd: ${schedd} : <127.0.0.1:9618?...> : ${schedd}`,
    ' ID      OWNER            SUBMITTED     RUN_TIME ST PRI SIZE CMD',
    ...rows,
    '',
    `${jobs.length} jobs; ${count(4)} completed, ${count(3)} removed, ${count(1)} idle, ${count(2)} running, ${count(5)} held, 0 suspended`,
    '',
  ].join('\n');
}

/** The CMD column: the executable's file name, then its arguments as HTCondor displays them. */
function commandColumn(job) {
  const shown = joinCondorArguments(job.argv.slice(1));
  return shown === '' ? basename(job.executable) : `${basename(job.executable)} ${shown}`;
}

/** `-af`, `-af:jr`, `-autoformat:j` → the modifier letters, or undefined for another option. */
export function autoformatModifiers(word) {
  const match = /^-(?:af|autoformat)(?::([a-zA-Z,]*))?$/.exec(word);
  return match ? (match[1] ?? '') : undefined;
}
