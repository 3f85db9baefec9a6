import { packageErrors, transientWhen } from '@jq/core';
import { name as packageName } from '../package.json';

// Schedd or collector unreachable, busy or restarting: worth another try. Everything
// else (unknown job, bad submit description, missing executable) fails the same way again.
const transientPatterns: readonly RegExp[] = [
  /failed to connect/i,
  /failed to fetch ads/i,
  /can't find address/i,
  /SECMAN:\d+/,
  /CEDAR:\d+/,
  /failed to end classad message/i,
  /connection refused/i,
  /timed out/i,
  /temporarily unavailable/i,
  /schedd .*not responding/i,
];

/** `transient` when retrying the same command later can succeed (a timeout, a kill, one of the messages above), else `permanent`. */
export const classifyHtcondorError = transientWhen(transientPatterns);

/** An error of this package: `htcondorError(code, message)` reads `[jq/htcondor] <message>`. */
export const htcondorError = packageErrors(packageName);
