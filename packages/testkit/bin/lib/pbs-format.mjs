// How PBS Pro (`qstat -f -F json`) and Torque (`qstat -f`) print a job, from an emulator record.
import { userInfo } from 'node:os';

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGTERM: 15 };
// PBS Pro JOB_EXEC_KILL_WALLTIME; Torque JOB_EXEC_OVERLIMIT_WT.
const walltimeExitStatus = { pbspro: -29, torque: -11 };

/** The one-letter state qstat prints. */
export function stateCode(job, flavor, children) {
  if (job.isArrayParent) return parentState(children, flavor);
  switch (job.state) {
    case 'queued':
      return 'Q';
    case 'held':
      return 'H';
    case 'running':
      return 'R';
    case 'exiting':
      return 'E';
    default:
      if (flavor === 'torque') return 'C';
      return job.parentId ? 'X' : 'F';
  }
}

/** Exit status as PBS records it: the script's code, 256 + signal, or a negative PBS code. */
export function exitStatus(job, flavor) {
  if (job.state !== 'finished' || job.startedAt === undefined) return undefined;
  if (job.endReason === 'walltime') return walltimeExitStatus[flavor];
  if (job.signal) return 256 + (signalNumbers[job.signal] ?? 15);
  return job.exitCode;
}

/** One job of `qstat -f -F json` (PBS Pro). */
export function proJsonRecord(job, state, children) {
  const { server } = state.config;
  const record = {
    Job_Name: job.name,
    Job_Owner: `${userInfo().username}@${server}`,
    job_state: stateCode(job, 'pbspro', children),
    queue: job.queue,
    server,
    ...(job.account ? { Account_Name: job.account } : {}),
    ctime: formatTime(job.submittedAt),
    Error_Path: `${server}:${job.stderrPath}`,
    Output_Path: `${server}:${job.stdoutPath}`,
    Resource_List: job.resources,
    ...(job.startedAt ? { stime: formatTime(job.startedAt) } : {}),
    ...(job.pid ? { session_id: job.pid } : {}),
    substate: substate(job),
    Submit_arguments: job.submitArguments,
  };
  if (job.isArrayParent) Object.assign(record, { array: 'True', array_indices_submitted: job.arrayRange });
  if (job.parentId) Object.assign(record, { array_id: job.parentId, array_index: job.arrayIndex });
  const status = exitStatus(job, 'pbspro');
  if (status !== undefined) record.Exit_status = status;
  if (job.endReason === 'walltime') record.comment = `job killed: walltime ${job.walltimeSeconds} exceeded limit ${job.walltimeSeconds}`;
  return record;
}

/** One job of `qstat -f` (Torque): `Job Id:` then indented `key = value` lines. */
export function torqueTextRecord(job, state, children) {
  const { server } = state.config;
  const lines = [
    `Job Id: ${job.id}`,
    `    Job_Name = ${job.name}`,
    `    Job_Owner = ${userInfo().username}@${server}`,
    `    job_state = ${stateCode(job, 'torque', children)}`,
    `    queue = ${job.queue}`,
    `    server = ${server}`,
  ];
  if (job.account) lines.push(`    Account_Name = ${job.account}`);
  lines.push(`    ctime = ${formatTime(job.submittedAt)}`);
  lines.push(`    Error_Path = ${server}:${job.stderrPath}`, `    Output_Path = ${server}:${job.stdoutPath}`);
  for (const [name, value] of Object.entries(job.resources)) lines.push(`    Resource_List.${name} = ${value}`);
  if (job.startedAt) lines.push(`    start_time = ${Math.floor(job.startedAt / 1000)}`);
  if (job.pid) lines.push(`    session_id = ${job.pid}`);
  if (job.isArrayParent) lines.push(`    job_array_request = ${job.arrayRange}`);
  if (job.parentId) lines.push(`    job_array_id = ${job.arrayIndex}`);
  const status = exitStatus(job, 'torque');
  if (status !== undefined) lines.push(`    exit_status = ${status}`);
  return `${lines.join('\n')}\n`;
}

// PBS Pro substates: 91 terminated (deleted), 92 finished, 42 running, 10 queued, 20 held.
function substate(job) {
  if (job.state === 'finished') return job.endReason === 'deleted' ? 91 : 92;
  return { queued: 10, held: 20, running: 42, exiting: 50 }[job.state] ?? 10;
}

function parentState(children, flavor) {
  const states = children.map((child) => child.state);
  if (states.every((state) => state === 'finished')) return flavor === 'torque' ? 'C' : 'F';
  if (states.some((state) => state !== 'queued' && state !== 'held')) return flavor === 'torque' ? 'R' : 'B';
  return 'Q';
}

function formatTime(milliseconds) {
  return new Date(milliseconds).toString().slice(0, 24);
}
