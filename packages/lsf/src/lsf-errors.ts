import { packageErrors, transientWhen } from '@jq/core';
import { name as packageName } from '../package.json';

// mbatchd or LIM unreachable, restarting or overloaded: worth another try. Everything
// else (unknown queue or job, bad limit, finished job) will fail the same way again.
const transientPatterns: readonly RegExp[] = [
  /LSF is down/i,
  /not responding/i,
  /still trying/i,
  /LIM is down/i,
  /try (again )?later/i,
  /cannot connect/i,
  /connection refused/i,
  /timed out/i,
  /temporarily unavailable/i,
  /failed in sending\/receiving a message/i,
  /mbatchd is (busy|reconfiguring)/i,
];

/** `transient` when retrying the same command later can succeed (a timeout, a kill, one of the messages above), else `permanent`. */
export const classifyLsfError = transientWhen(transientPatterns);

/** An error of this package: `lsfError(code, message)` reads `[jq/lsf] <message>`. */
export const lsfError = packageErrors(packageName);
