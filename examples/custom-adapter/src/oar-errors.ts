import { packageErrors, transientWhen } from '@jq/core';
import { name as packageName } from '../package.json';

// The OAR server unreachable or busy: worth another try. Everything else (unknown queue,
// an admission rule refusing the job, unknown job) fails the same way again.
const transientPatterns: readonly RegExp[] = [/connection/i, /timed out/i, /temporarily/i, /try again/i];

/** `transient` when retrying the same command later can succeed (a timeout, a kill, one of the messages above), else `permanent`. */
export const classifyOarError = transientWhen(transientPatterns);

/** An error of this package: `oarError(code, message)` reads `[jq-adapter-oar] <message>`. */
export const oarError = packageErrors(packageName);
