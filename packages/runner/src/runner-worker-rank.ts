import { spawn } from 'node:child_process';
import { jobKeyReference } from '@jq/core';
import type { RankHandshake } from './runner-address-file.js';
import { runSecretVariable } from './runner-fixed-address.js';
import type { AllocationRank } from './runner-ranks.js';

/**
 * Runs this rank's worker (the scheduler's own worker command, named `rank-<n>`) until it
 * exits: when rank 0 closes, or after the death timeout when rank 0 is gone.
 */
export function runWorkerRank(handshake: RankHandshake, rank: AllocationRank): Promise<number> {
  const [command, ...args] = handshake.workerCommand.map((word) => word.replaceAll(jobKeyReference, `rank-${rank.rank}`));
  // The worker hides its own secret from task code; the run's shared one must not reach it either.
  const { [runSecretVariable]: _runSecret, ...inherited } = process.env;
  const child = spawn(command!, args, { stdio: 'inherit', env: { ...inherited, ...handshake.environment } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      process.off('SIGTERM', forward);
      process.off('SIGINT', forward);
      resolve(code ?? 1);
    });
  });
}
