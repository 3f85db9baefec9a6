import type { Command, JobId } from '@jq/core';
import { localLauncher, localStateDirectory } from './local-launcher.js';
import type { LocalResolvedOptions } from './local-options.js';

/** ONE `jq-local cancel <state> <ids…>`: SIGTERM to each job's process group, SIGKILL after a grace period. */
export function localCancelCommand(ids: JobId[], options: LocalResolvedOptions): Command {
  return { argv: [options.node, localLauncher, 'cancel', localStateDirectory(options), ...ids] };
}
