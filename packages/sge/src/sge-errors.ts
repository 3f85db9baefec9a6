import { packageErrors, transientWhen } from '@jq/core';
import { name as packageName } from '../package.json';

/**
 * Failures that go away on their own: the qmaster is down, restarting, overloaded or
 * unreachable (commlib and GDI errors, recorded from SGE 8.1.9 with the qmaster
 * stopped). Everything else (unknown queue, project, parallel environment or
 * resource, a bad job name, an unknown job) is permanent, so the user sees SGE's
 * message at once instead of a retry loop.
 */
const transientPatterns: readonly RegExp[] = [
  /commlib error/i,
  /unable to send message to qmaster/i,
  /unable to contact qmaster/i,
  /failed receiving gdi request/i,
  /got send error|got select error|got receive error/i,
  /Connection refused/i,
  /Connection reset by peer/i,
  /can't unpack gdi request/i,
  /qmaster is (?:not alive|overloaded|shutting down)/i,
  /timeout while waiting for/i,
];

/** `transient` when retrying the same command later can succeed (a timeout, a kill, one of the messages above), else `permanent`. */
export const classifySgeError = transientWhen(transientPatterns);

/** An error of this package: `sgeError(code, message)` reads `[jq/sge] <message>`. */
export const sgeError = packageErrors(packageName);
