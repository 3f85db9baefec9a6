#!/usr/bin/env node
/**
 * `jq-manager <name>`: runs a cluster away from the process that made it (in a batch job of
 * its own, or detached on the login node). It takes the cluster's journal, starts its
 * scheduler, does what the journal asks first (scale or adapt), answers requests from other
 * processes, and exits once the cluster is closed; SIGTERM (a cancel, the walltime) closes it.
 */
import { runManager } from './manager-run.js';

runManager(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
