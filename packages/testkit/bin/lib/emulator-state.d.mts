/** Typings of the emulator state shared by the CLIs and the TypeScript API. */
export interface EmulatorJobRecord {
  id: string;
  name: string;
  queue: string;
  account?: string;
  state: 'queued' | 'held' | 'running' | 'exiting' | 'finished';
  endReason?: 'exited' | 'walltime' | 'deleted';
  exitCode?: number;
  signal?: string;
  pid?: number;
  supervisorPid?: number;
  parentId?: string;
  arrayIndex?: number;
  isArrayParent?: boolean;
  /** The script the supervisor runs with bash, unless the job has its own `argv`. */
  scriptPath?: string;
  /** What the job runs instead of a script: HTCondor's executable and the words of its `Arguments`. */
  argv?: string[];
  /** A file copied to the job's directory, runnable, when it starts (HTCondor's executable transfer). */
  transferExecutable?: { from: string; to: string };
  /** HTCondor's reason for a job held because it could not start (13: transfer failed, 6: exec failed). */
  holdReasonCode?: number;
  holdReason?: string;
  stdoutPath: string;
  stderrPath: string;
  resources: Record<string, string>;
  /** GPUs the job asked for (`ngpus`, `gpus=`, `-gpu "num=N"`, `request_gpus`), when it did. */
  gpus?: number;
  walltimeSeconds?: number;
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
}

export interface EmulatorFaults {
  submitFailures: number;
  submitFailureMessage?: string;
  statusFailures: number;
  statusMode: 'ok' | 'hang' | 'garbage';
}

export interface EmulatorConfig {
  flavor: string;
  server: string;
  defaultQueue: string;
  maxRunning?: number;
}

export interface EmulatorState {
  config: EmulatorConfig;
  nextSequence: number;
  jobs: Record<string, EmulatorJobRecord>;
  faults: EmulatorFaults;
  /** Set by close(): supervisors that have not started their job yet do not start it. */
  closed?: boolean;
}

export function initializeState(directory: string, config: EmulatorConfig): void;
export function withState<T>(directory: string, update: (state: EmulatorState) => T): T;
export function readState(directory: string): EmulatorState;
export function statusOutcome(directory: string): { fault: 'fail' | EmulatorFaults['statusMode']; state: EmulatorState };
