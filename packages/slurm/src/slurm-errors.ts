import { packageErrors, transientWhen } from '@jq/core';
import { name as packageName } from '../package.json';

/**
 * Failures that go away on their own: the controller or database is busy, restarting
 * or unreachable, or it holds as many jobs as it will take for now (`Resource
 * temporarily unavailable`). Everything else (bad partition, account, QOS, impossible
 * resources, unknown job) is permanent, so the user sees Slurm's message at once
 * instead of a retry loop.
 */
const transientPatterns: readonly RegExp[] = [
  /Socket timed out/i,
  /Unable to contact slurm controller/i,
  /Slurm temporarily unable/i,
  /Resource temporarily unavailable/i,
  /Zero Bytes were transmitted or received/i,
  /Communication connection failure/i,
  /Connection refused/i,
  /Connection reset by peer/i,
  /Transport endpoint is not connected/i,
  /Slurm backup controller in standby mode/i,
  /Problem talking to the database/i,
];

/** `transient` when retrying the same command later can succeed (a timeout, a kill, one of the messages above), else `permanent`. */
export const classifySlurmError = transientWhen(transientPatterns);

/** An error of this package: `slurmError(code, message)` reads `[jq/slurm] <message>`. */
export const slurmError = packageErrors(packageName);
