// How Moab prints a job in its XML outputs (`checkjob --xml`, `showq --xml`), from an
// emulator record. Moab here sits on Torque, so exit codes are Torque's: 256 + signal for
// a killed script and JOB_EXEC_OVERLIMIT_WT (-11) for a walltime kill.
import { userInfo } from 'node:os';

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGTERM: 15 };
const walltimeCompletionCode = -11;

/** Moab's State attribute for a record. */
export function moabState(job) {
  switch (job.state) {
    case 'queued':
      return 'Idle';
    case 'held':
      return 'UserHold';
    case 'running':
    case 'exiting':
      return 'Running';
    default:
      // Cancelled or killed by a limit: Removed; ran to its end (whatever its exit code): Completed.
      return job.endReason === 'exited' ? 'Completed' : 'Removed';
  }
}

/** The job's CompletionCode, once it ended after starting. */
export function completionCode(job) {
  if (job.state !== 'finished' || job.startedAt === undefined) return undefined;
  if (job.endReason === 'walltime') return walltimeCompletionCode;
  if (job.signal) return 256 + (signalNumbers[job.signal] ?? 15);
  return job.exitCode;
}

/** One `<job …/>` element. */
export function jobElement(job, state) {
  const { server } = state.config;
  const seconds = (milliseconds) => String(Math.floor(milliseconds / 1000));
  const attributes = {
    JobID: job.id,
    JobName: job.name,
    State: moabState(job),
    Class: job.queue,
    ...(job.account ? { Account: job.account } : {}),
    User: userInfo().username,
    DRMJID: `${job.id}.${server}`,
    RM: 'torque',
    SubmissionTime: seconds(job.submittedAt),
    ...(job.walltimeSeconds ? { ReqAWDuration: String(job.walltimeSeconds) } : {}),
    ...(job.startedAt ? { StartTime: seconds(job.startedAt) } : {}),
    ...(job.endedAt ? { CompletionTime: seconds(job.endedAt) } : {}),
  };
  const code = completionCode(job);
  if (code !== undefined) attributes.CompletionCode = String(code);
  const text = Object.entries(attributes).map(([name, value]) => `${name}="${escapeXml(value)}"`).join(' ');
  return `<job ${text} />`;
}

/** A value as an XML attribute holds it. */
export function escapeXml(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
