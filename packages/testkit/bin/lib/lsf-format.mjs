// How LSF's bjobs prints a job, from an emulator record: `-o "…" -json` records and
// the `-w` table.
import { userInfo } from 'node:os';

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGTERM: 15 };
const killReasons = {
  deleted: 'TERM_OWNER: job killed by owner',
  walltime: 'TERM_RUNLIMIT: job killed after reaching LSF run time limit',
};

/** The STAT word bjobs prints. A job being killed stays RUN until it is gone. */
export function statWord(job) {
  switch (job.state) {
    case 'queued':
      return 'PEND';
    case 'held':
      return 'PSUSP';
    case 'running':
    case 'exiting':
      return 'RUN';
    default:
      return job.endReason === 'exited' && job.exitCode === 0 && !job.signal ? 'DONE' : 'EXIT';
  }
}

/** EXIT_CODE: empty unless the job exited non-zero; a signal gives 128 + its number. */
export function exitCode(job) {
  if (job.state !== 'finished' || job.startedAt === undefined) return '';
  if (job.signal) return String(128 + (signalNumbers[job.signal] ?? 15));
  return job.exitCode ? String(job.exitCode) : '';
}

/** The job's fields under bjobs' `-o` names (uppercase, as the JSON keys are). */
export function fieldsOf(job, state) {
  const cluster = state.config.server;
  const [sequence] = job.id.split('[');
  return {
    JOBID: sequence,
    JOBINDEX: String(job.arrayIndex ?? 0),
    JOB_NAME: job.arrayIndex === undefined ? job.name : `${job.name}[${job.arrayIndex}]`,
    STAT: statWord(job),
    USER: userInfo().username,
    QUEUE: job.queue,
    PROJ_NAME: job.account ?? 'default',
    FROM_HOST: cluster,
    EXEC_HOST: job.startedAt === undefined ? '' : cluster,
    SUBMIT_TIME: formatTime(job.submittedAt),
    START_TIME: job.startedAt === undefined ? '' : formatTime(job.startedAt),
    FINISH_TIME: job.endedAt === undefined ? '' : `${formatTime(job.endedAt)} L`,
    EXIT_CODE: exitCode(job),
    EXIT_REASON: job.state === 'finished' ? (killReasons[job.endReason] ?? '') : '',
    SLOTS: job.resources.n ?? '1',
    RUNTIMELIMIT: job.walltimeSeconds === undefined ? '' : `${(job.walltimeSeconds / 60).toFixed(1)}/${cluster}`,
    OUTPUT_FILE: job.stdoutPath,
    ERROR_FILE: job.stderrPath,
    PIDS: job.pid ? String(job.pid) : '',
  };
}

/** One `-json` record with the requested fields. */
export function jsonRecord(job, state, fields) {
  const all = fieldsOf(job, state);
  return Object.fromEntries(fields.map((field) => [field, all[field]]));
}

export const tableHeader = 'JOBID   USER    STAT  QUEUE      FROM_HOST   EXEC_HOST   JOB_NAME   SUBMIT_TIME';

/** One row of the `bjobs -w` table: columns padded to the header, never cut. */
export function tableRow(job, state) {
  const fields = fieldsOf(job, state);
  const columns = [[fields.JOBID, 8], [fields.USER, 8], [fields.STAT, 6], [fields.QUEUE, 11], [fields.FROM_HOST, 12], [fields.EXEC_HOST || '-', 12], [fields.JOB_NAME, 11]];
  return columns.map(([value, width]) => `${value} `.padEnd(width)).join('') + fields.SUBMIT_TIME;
}

// LSF's short form, "Dec 28 19:56".
function formatTime(milliseconds) {
  const date = new Date(milliseconds);
  return `${date.toString().slice(4, 10)} ${date.toTimeString().slice(0, 5)}`;
}
