import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatchAndStart, killJobProcesses, vanishJob } from '../bin/lib/emulator-jobs.mjs';
import { type EmulatorConfig, type EmulatorJobRecord, initializeState, readState, withState } from '../bin/lib/emulator-state.mjs';

export type { EmulatorJobRecord } from '../bin/lib/emulator-state.mjs';

/** A batch system the testkit emulates: its command names and the scripts behind them. */
export interface EmulatedSystem {
  /** Short name, used in temp directory names. */
  name: string;
  /** Command name on PATH → script file in the testkit's `bin/` directory. */
  commands: Record<string, string>;
}

/** Anything with core's CommandRunner shape; kept structural so the testkit needs no @jq/core. */
export interface CommandRunnerLike {
  run(command: { argv: string[]; stdin?: string; env?: Record<string, string> }, options: { timeoutMs: number }): Promise<unknown>;
}

const binRoot = fileURLToPath(new URL('../bin/', import.meta.url));

/**
 * A running emulator: a private state directory, a directory of command links to put
 * first on PATH, fault switches, and `close()`, which kills every job it started.
 */
export class BatchEmulator {
  /** Environment that makes the emulated commands the ones a command runner finds. */
  readonly env: { PATH: string; JQ_TESTKIT_STATE: string };
  private closed = false;

  private constructor(
    /** Where the queue state, job scripts' output and job directories live. */
    readonly stateDirectory: string,
    /** Directory holding `qsub`, `qstat`, … links. */
    readonly binDirectory: string,
  ) {
    this.env = { PATH: `${binDirectory}${delimiter}${process.env.PATH ?? ''}`, JQ_TESTKIT_STATE: stateDirectory };
  }

  /** Creates the state and the command links for `system`. */
  static async create(system: EmulatedSystem, config: EmulatorConfig): Promise<BatchEmulator> {
    const root = await mkdtemp(join(tmpdir(), `jq-testkit-${system.name}-`));
    const binDirectory = join(root, 'bin');
    const stateDirectory = join(root, 'state');
    initializeState(stateDirectory, config);
    await mkdir(binDirectory);
    for (const [command, script] of Object.entries(system.commands)) {
      await symlink(join(binRoot, script), join(binDirectory, command));
    }
    return new BatchEmulator(stateDirectory, binDirectory);
  }

  /** The next `count` submissions fail as if the server were unreachable (a transient error). */
  failSubmits(count: number, message?: string): void {
    withState(this.stateDirectory, (state) => {
      state.faults.submitFailures = count;
      if (message === undefined) delete state.faults.submitFailureMessage;
      else state.faults.submitFailureMessage = message;
    });
  }

  /** The next `count` status commands fail as if the server were unreachable. */
  failStatus(count: number): void {
    withState(this.stateDirectory, (state) => {
      state.faults.statusFailures = count;
    });
  }

  /** Status commands from now on: answer, hang until killed, or print garbage and exit 0. */
  setStatusMode(mode: 'ok' | 'hang' | 'garbage'): void {
    withState(this.stateDirectory, (state) => {
      state.faults.statusMode = mode;
    });
  }

  /** Jobs that may run at once; the rest stay queued. `undefined` lifts the limit. */
  setMaxRunning(limit: number | undefined): void {
    withState(this.stateDirectory, (state) => {
      if (limit === undefined) delete state.config.maxRunning;
      else state.config.maxRunning = limit;
    });
    dispatchAndStart(this.stateDirectory);
  }

  /** Makes a job disappear: processes killed, record gone, as after a server crash. */
  vanish(id: string): boolean {
    const removed = withState(this.stateDirectory, (state) => vanishJob(state, id));
    dispatchAndStart(this.stateDirectory);
    return removed;
  }

  /** Every job record, array parents included. */
  jobs(): EmulatorJobRecord[] {
    return Object.values(readState(this.stateDirectory).jobs);
  }

  /** One job's record, if the emulator still knows it. */
  job(id: string): EmulatorJobRecord | undefined {
    return readState(this.stateDirectory).jobs[id];
  }

  /** A runner that runs every command with this emulator's environment. */
  wrapRunner<R extends CommandRunnerLike>(runner: R): R {
    const env = this.env;
    return {
      run: (command, options) => runner.run({ ...command, env: { ...env, ...command.env } }, options),
    } as R;
  }

  /** Kills every job process and supervisor, then removes the state. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A supervisor that has just been spawned records its job's pid a moment later:
    // wait (bounded) for those so no job outlives the emulator.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const jobs = withState(this.stateDirectory, (state) => {
        state.closed = true;
        return Object.values(state.jobs);
      });
      for (const job of jobs) killJobProcesses(job);
      if (!jobs.some((job) => (job.state === 'running' || job.state === 'exiting') && job.pid === undefined)) break;
      await delay(20);
    }
    await rm(join(this.stateDirectory, '..'), { recursive: true, force: true });
  }
}
