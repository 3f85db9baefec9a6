// What Moab's status commands share: the injected faults (fail, hang, garbage) and a
// consistent copy of the queue to print from.
import { statusOutcome } from './emulator-state.mjs';

/** Reads the state and consumes a pending status fault; exits the process for `fail` and `garbage`. */
export function statusSnapshot(directory, command) {
  const outcome = statusOutcome(directory);
  if (outcome.fault === 'fail') {
    process.stderr.write(`ERROR:    lost connection to server\nERROR:    cannot request service (status) for ${command}\n`);
    process.exit(1);
  }
  if (outcome.fault === 'garbage') {
    process.stdout.write('<Data><job JobID="\u0000\u0001 <<<garbled reply from server>>>');
    process.exit(0);
  }
  return { state: outcome.state, hang: outcome.fault === 'hang' };
}

/** Keeps the process alive until core's command timeout kills it; the cap frees a forgotten emulator. */
export function hang() {
  setTimeout(() => process.exit(1), 300_000);
}
