import { packageErrors, transientWhen } from '@jq/core';
import { pbsTransientPatterns } from '@jq/pbs';
import { name as packageName } from '../package.json';

// Moab server unreachable, restarting or busy: worth another try. Torque's own transient
// failures (Moab on Torque passes them through) are its base's. Everything else (invalid
// job, bad class or resource, job already completed) fails the same way again.
const transientPatterns: readonly RegExp[] = [
  ...pbsTransientPatterns,
  /cannot connect to (moab )?server/i,
  /lost connection to server/i,
  /cannot request service/i,
  /server is (busy|not responding)/i,
  /communication error/i,
];

/** `transient` when retrying the same msub/checkjob/mjobctl later can succeed, else `permanent`. */
export const classifyMoabError = transientWhen(transientPatterns);

/** An error of this package: `moabError(code, message)` reads `[jq/moab] <message>`. */
export const moabError = packageErrors(packageName);
