import { type JobStatus, nativeStates } from '@jq/core';
import { type PbsFlavor, pbsDialects } from './pbs-flavor.js';

/** What qstat says about one job, whatever the output format. */
export interface PbsJobFields {
  /** `job_state`: one letter (`Q`, `R`, `F`, …). */
  state: string;
  /** `Exit_status` (PBS Pro) or `exit_status` (Torque), once the job ended. */
  exitStatus?: number;
  /** PBS Pro substate: 91 means deleted. */
  substate?: number;
  /** The scheduler's comment, which says why a job waits. */
  comment?: string;
}

/** The codes of jobs that have not ended. H waits until someone releases it (qrls); W waits for its start time. */
const notEnded = nativeStates({
  queued: ['Q', ['W', 'waiting for its start time'], ['T', 'in transit'], ['M', 'moved to another server']],
  held: ['H', ['S', 'suspended'], ['U', 'suspended: workstation busy']],
  running: ['R', ['B', 'array begun']],
  completing: ['E'],
});

const deletedSubstate = 91;
const signalled = 256;

/** The normalized status of one job; unknown codes are `unknown`, never an error. */
export function pbsJobStatus(flavor: PbsFlavor, fields: PbsJobFields): JobStatus {
  const native = fields.state;
  const ended = flavor === 'torque' ? native === 'C' : native === 'F' || native === 'X';
  if (!ended) {
    const known = notEnded(native) ?? { state: 'unknown', native };
    return fields.comment && known.state !== 'unknown' ? { ...known, reason: fields.comment } : known;
  }
  return endedStatus(flavor, native, fields);
}

/**
 * How an ended job's exit status reads: PBS records the script's own status (0–255),
 * 256 + N for a script killed by signal N, and a negative `JOB_EXEC_*` code when PBS
 * itself ended or could not run the job. Only the first is an exit code; a signal is
 * reported apart, and a `JOB_EXEC` code stays in the reason.
 */
function endedStatus(flavor: PbsFlavor, native: string, fields: PbsJobFields): JobStatus {
  const status = fields.exitStatus;
  const signal = status !== undefined && status > signalled ? status - signalled : undefined;
  const base = { native, ...(status !== undefined && status >= 0 && status < signalled ? { exitCode: status } : {}), ...(signal === undefined ? {} : { signal }) };
  if (fields.substate === deletedSubstate) return { ...base, state: 'cancelled', reason: 'deleted (qdel)' };
  if (status === undefined) return { ...base, state: 'cancelled', reason: 'ended without running' };
  if (status === 0) return { ...base, state: 'completed' };
  if (status === pbsDialects[flavor].walltimeExitStatus) return { ...base, state: 'timeout', reason: `walltime exceeded (JOB_EXEC ${status})` };
  if (flavor === 'pbspro' && (status === -27 || status === -26)) return { ...base, state: 'out-of-memory', reason: `memory limit exceeded (JOB_EXEC ${status})` };
  if (flavor === 'torque' && (signal === 15 || signal === 9)) return { ...base, state: 'cancelled', reason: `killed by signal ${signal}` };
  if (signal !== undefined) return { ...base, state: 'failed', reason: `killed by signal ${signal}` };
  if (status < 0) return { ...base, state: 'failed', reason: `PBS could not run the job (JOB_EXEC ${status})` };
  return { ...base, state: 'failed' };
}

/**
 * The part of a job id that identifies it: sequence (with array index) and the
 * server's first label. qsub may print `12.head` and qstat `12.head.example.org`.
 */
export function pbsIdKey(id: string): string {
  const [sequence = '', server = ''] = id.trim().split('.');
  return server ? `${sequence}.${server}` : sequence;
}
