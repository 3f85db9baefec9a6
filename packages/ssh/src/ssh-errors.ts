import { packageErrors } from '@jq/core';
import { name as packageName } from '../package.json';

/** The npm name of this package, `@jq/ssh`: its messages read `[jq/ssh] …`. */
export const sshPackageName = packageName;

/** An error of this package: `sshError(code, message)` reads `[jq/ssh] <message>`. */
export const sshError = packageErrors(packageName);
