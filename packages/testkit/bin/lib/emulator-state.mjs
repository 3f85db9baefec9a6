// Shared state of an emulated batch system: one JSON file in the directory named by
// JQ_TESTKIT_STATE, guarded by a lock directory so concurrent CLI calls and job
// supervisors see a consistent queue. Plain JavaScript so the emulator CLIs run without a build.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const lockStaleMilliseconds = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Directory of the emulator state, from the environment. */
export function stateDirectory() {
  const directory = process.env.JQ_TESTKIT_STATE;
  if (!directory) {
    process.stderr.write('[jq/testkit] JQ_TESTKIT_STATE is not set: this emulator only runs inside a testkit environment\n');
    process.exit(2);
  }
  return directory;
}

/** Creates a fresh state file. */
export function initializeState(directory, config) {
  mkdirSync(join(directory, 'jobs'), { recursive: true, mode: 0o700 });
  writeState(directory, { config, nextSequence: 1, jobs: {}, faults: { submitFailures: 0, statusFailures: 0, statusMode: 'ok' } });
}

/** Runs `update(state)` under the lock and saves the state it leaves. */
export function withState(directory, update) {
  const lock = join(directory, 'state.lock');
  acquire(lock);
  try {
    const state = JSON.parse(readFileSync(join(directory, 'state.json'), 'utf8'));
    const result = update(state);
    writeState(directory, state);
    return result;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Reads the state without changing it. */
export function readState(directory) {
  return withState(directory, (state) => structuredClone(state));
}

function writeState(directory, state) {
  const temporary = join(directory, `state.json.${process.pid}`);
  writeFileSync(temporary, JSON.stringify(state, null, 1));
  renameSync(temporary, join(directory, 'state.json'));
}

function acquire(lock) {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A CLI killed while holding the lock (core's timeout) must not wedge the emulator.
      try {
        if (Date.now() - statSync(lock).mtimeMs > lockStaleMilliseconds) rmSync(lock, { recursive: true, force: true });
      } catch {
        // the holder released it meanwhile
      }
      Atomics.wait(sleeper, 0, 0, 5);
    }
  }
}

/**
 * What a status command prints from: a consistent copy of the state, and the fault to
 * play (`fail` consumes one of `failStatus(n)`; else the status mode: ok, hang, garbage).
 */
export function statusOutcome(directory) {
  return withState(directory, (state) => {
    const { faults } = state;
    if (faults.statusFailures > 0) {
      faults.statusFailures -= 1;
      return { fault: 'fail', state: structuredClone(state) };
    }
    return { fault: faults.statusMode, state: structuredClone(state) };
  });
}
