import { packageErrors, transientWhen } from '@jq/core';
import { name as packageName } from '../package.json';

/**
 * Messages of PBS failures that go away on their own: the server unreachable or
 * overloaded. Everything else (bad resource, unknown queue, unknown or finished job id)
 * fails the same way again. Moab on Torque passes these through.
 */
export const pbsTransientPatterns: readonly RegExp[] = [
  /cannot connect to server/i,
  /connection refused/i,
  /connection timed out/i,
  /timed out/i,
  /server busy/i,
  /temporarily unavailable/i,
  /try again/i,
  /pbs_iff/i,
  /end of file/i,
  /premature end of message/i,
  /communication failure/i,
  /errno=150(10|31|33)/,
];

/** `transient` when retrying the same command later can succeed (a timeout, a kill, one of the messages above), else `permanent`. */
export const classifyPbsError = transientWhen(pbsTransientPatterns);

/** An error of this package: `pbsError(code, message)` reads `[jq/pbs] <message>`. */
export const pbsError = packageErrors(packageName);
